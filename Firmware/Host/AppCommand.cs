using System.Runtime.InteropServices;
using Firmware.SecurePartition.Protocol;
using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// `app --socket PATH --root ROOT.cert [--pki URL [--station ID]] [--capture FILE.pcap]`: the
/// application partition alone, connected to a running secure partition's Unix socket (see
/// <see cref="ApplicationHost"/> for the settings), with the vehicle side of <see cref="VehicleSide"/> (Can:Kind,
/// Hmi:Kind). Runs until SIGTERM or SIGINT (or Run:Seconds).
/// </summary>
public static class AppCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlySet<string> flags, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var socket = Settings.Require(configuration, "Socket:Path");
        using var loggers = Logs.Create(configuration);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        // The vehicle side (CAN to the HMI unit and the brakes, alerts) from configuration: this process never
        // opens the partition's key store, flash, records or ROM. With GNSS (Gnss:Source) the node's clock is the GNSS
        // clock and its status changes are shown on the HMI.
        using var vehicle = VehicleSide.Open(configuration, null, TimeProvider.System);
        var gnss = await FieldHardware.OpenGnssAsync(configuration, loggers.CreateLogger("Gnss"), vehicle.Alerts, stop.Token).ConfigureAwait(false);
        await using var gnssOwner = gnss;
        var client = await Connect(socket, stop.Token).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            return await ApplicationHost.RunAsync(configuration, client, ct => Connect(socket, ct), vehicle, (TimeProvider?)gnss?.Clock ?? TimeProvider.System, loggers, output, stop.Token, gnss).ConfigureAwait(false);
        }
    }

    // Each connection is its own channel to the partition: the node's and the upstream forwarder's.
    private static async Task<SecurePartitionClient> Connect(string socket, CancellationToken cancellationToken)
    {
        try
        {
            return await SecurePartitionClient.ConnectUnixAsync(socket, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new IOException($"Cannot reach the secure partition at {socket}: {e.Message}", e);
        }
    }
}
