using System.Net;
using Hardware;
using Hardware.Can;
using Hardware.Hmi;
using Hardware.Positioning;
using Hardware.Radio;
using Hardware.Random;
using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// What the application partition gets of the vehicle: position, randomness, the CAN bus (to the HMI unit
/// and the brake ECU) and the alert output. Never a key store, the flash, the durable records or the ROM:
/// in two processes (`app`) these are opened from configuration alone, so the application process needs no
/// access to the partition's files; in one process (`obu`) they are taken from the board. Settings:
/// Can:Kind (None | Udp: Can:Group, default 239.255.47.2, Can:Port, default 47002 | SocketCan: Can:Interface, a Linux
/// CAN interface such as can0 | Candump: Can:Log, a can-utils candump log replayed from the start, frames the node
/// sends are dropped) and Hmi:Kind (None | File:
/// Hmi:File, JSON lines, <see cref="JsonLinesAlertOutput"/>); in `obu` they replace the board's simulated
/// bus and alert output when set.
/// </summary>
public sealed class VehicleSide : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private VehicleSide()
    {
    }

    /// <summary>Position source (null: the application's simulated route).</summary>
    public IPositionSource? Position { get; private init; }

    /// <summary>Random source.</summary>
    public IRandomSource Random { get; private init; } = SystemRandomSource.Instance;

    /// <summary>The in-vehicle CAN bus, or null.</summary>
    public ICanBus? Can { get; private set; }

    /// <summary>The visual and audible alert output, or null.</summary>
    public IAlertOutput? Alerts { get; private set; }

    /// <summary>The vehicle side from configuration, over the board's when there is one (the `obu` command).</summary>
    /// <exception cref="ArgumentException">A setting is wrong.</exception>
    /// <exception cref="CanBusException">The CAN interface cannot be opened, or the candump log is not one.</exception>
    public static VehicleSide Open(IConfiguration configuration, BoardCapabilities? board, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(time);
        var side = new VehicleSide { Position = board?.Position, Random = board?.Random ?? SystemRandomSource.Instance };
        side.Can = board?.Can;
        side.Alerts = board?.Alerts;
        try
        {
            switch (configuration["Can:Kind"])
            {
                case null or "":
                    break;
                case var k when k.Equals("None", StringComparison.OrdinalIgnoreCase):
                    side.Can = null;
                    break;
                case var k when k.Equals("Udp", StringComparison.OrdinalIgnoreCase):
                    var bus = new UdpCanBus(new UdpMulticastRadioOptions
                    {
                        Group = IPAddress.Parse(configuration["Can:Group"] ?? "239.255.47.2"),
                        Port = (int)Settings.UInt(configuration, "Can:Port", 47002),
                        Time = time,
                    });
                    side._owned.Add(bus);
                    side.Can = bus;
                    break;
                case var k when k.Equals("SocketCan", StringComparison.OrdinalIgnoreCase):
                    var socketCan = SocketCanBus.Open(Settings.Require(configuration, "Can:Interface"));
                    side._owned.Add(socketCan);
                    side.Can = socketCan;
                    break;
                case var k when k.Equals("Candump", StringComparison.OrdinalIgnoreCase):
                    var replay = new CandumpReplayBus(File.ReadLines(Settings.Require(configuration, "Can:Log")), time);
                    side._owned.Add(replay);
                    side.Can = replay;
                    break;
                case var other:
                    throw new ArgumentException($"Can:Kind is None, Udp, SocketCan or Candump, not '{other}'.");
            }

            switch (configuration["Hmi:Kind"])
            {
                case null or "":
                    break;
                case var k when k.Equals("None", StringComparison.OrdinalIgnoreCase):
                    side.Alerts = null;
                    break;
                case var k when k.Equals("File", StringComparison.OrdinalIgnoreCase):
                    side.Alerts = new JsonLinesAlertOutput(Settings.Require(configuration, "Hmi:File"), time);
                    break;
                case var other:
                    throw new ArgumentException($"Hmi:Kind is None or File, not '{other}'.");
            }

            return side;
        }
        catch
        {
            side.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var d in _owned)
        {
            d.Dispose();
        }

        _owned.Clear();
    }
}
