using System.Globalization;
using System.Net;
using Hardware.Hmi;
using Hardware.Positioning;
using Hardware.Radio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Firmware.Host;

/// <summary>
/// The vehicle hardware of the host from configuration (issue 12): the radio (Radio:Kind Udp, the bench's multicast
/// on loopback, or Packet, an AF_PACKET link on Radio:Interface such as an 802.11p OCB interface), and GNSS
/// (Gnss:Source Simulated, the default: the bench route; Gpsd: Gnss:Host and Gnss:Port, default 127.0.0.1:2947;
/// Nmea: NMEA 0183 lines from Gnss:Device, a serial port set up beforehand with stty) with its clock bound
/// (Gnss:ClockBoundMs, default 100) and fix age (Gnss:MaxAgeMs, default 2000). With GNSS the partition signs with the
/// GNSS clock and the node reads its position from it; every change of what the receiver vouches for is logged as a
/// warning and shown on the dashboard when the board has one.
/// </summary>
public static class FieldHardware
{
    /// <summary>The alert id of the GNSS status on the dashboard.</summary>
    public const string GnssAlertId = "gnss";

    /// <summary>The GNSS receiver of Gnss:Source, or null for the simulated route.</summary>
    /// <exception cref="ArgumentException">A setting is wrong.</exception>
    /// <exception cref="IOException">gpsd or the serial device cannot be reached.</exception>
    public static async Task<GnssReceiver?> OpenGnssAsync(IConfiguration configuration, ILogger log, IAlertOutput? alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(log);
        var source = configuration["Gnss:Source"] ?? "Simulated";
        if (source.Equals("Simulated", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var clock = new GnssClock(TimeProvider.System, new GnssClockOptions
        {
            Bound = TimeSpan.FromMilliseconds(Settings.UInt(configuration, "Gnss:ClockBoundMs", 100)),
        });
        var maxAge = TimeSpan.FromMilliseconds(Settings.UInt(configuration, "Gnss:MaxAgeMs", 2000));
        GnssReceiver receiver;
        if (source.Equals("Gpsd", StringComparison.OrdinalIgnoreCase))
        {
            var host = configuration["Gnss:Host"] ?? "127.0.0.1";
            var port = (int)Settings.UInt(configuration, "Gnss:Port", GpsdClient.DefaultPort);
            GpsdClient gpsd;
            try
            {
                gpsd = await GpsdClient.ConnectAsync(host, port, TimeProvider.System, maxAge, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or GpsdException)
            {
                throw new IOException($"Cannot read gpsd at {host}:{port}: {e.Message}", e);
            }

            receiver = GnssReceiver.FromGpsd(gpsd, clock);
            log.LogInformation("GNSS from gpsd {Release} at {Host}:{Port}", gpsd.Release, host, port);
        }
        else if (source.Equals("Nmea", StringComparison.OrdinalIgnoreCase))
        {
            var device = Settings.Require(configuration, "Gnss:Device");
            var stream = new FileStream(device, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.Asynchronous);
            receiver = GnssReceiver.FromNmea(new StreamReader(stream, System.Text.Encoding.ASCII), clock, maxAge);
            log.LogInformation("GNSS from NMEA 0183 on {Device}", device);
        }
        else
        {
            throw new ArgumentException($"Gnss:Source is Simulated, Gpsd or Nmea, not '{source}'.");
        }

        receiver.StatusChanged += status => Report(status, clock, log, alerts);
        return receiver;
    }

    /// <summary>The radio of Radio:Kind.</summary>
    /// <exception cref="ArgumentException">A setting is wrong.</exception>
    /// <exception cref="RadioLinkException">The interface cannot be used.</exception>
    public static IRadioLink OpenRadio(IConfiguration configuration, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var kind = configuration["Radio:Kind"] ?? "Udp";
        if (kind.Equals("Packet", StringComparison.OrdinalIgnoreCase))
        {
            return PacketRadioLink.Open(new PacketRadioOptions { Interface = Settings.Require(configuration, "Radio:Interface"), Time = clock });
        }

        if (!kind.Equals("Udp", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Radio:Kind is Udp or Packet, not '{kind}'.");
        }

        return new UdpMulticastRadioLink(new UdpMulticastRadioOptions
        {
            Group = IPAddress.Parse(configuration["Radio:Group"] ?? "239.255.47.1"),
            Port = (int)Settings.UInt(configuration, "Radio:Port", 47001),
            Time = clock,
        });
    }

    // EN 302 637-2 v1.4.1 / EN 302 637-3 v1.3.1: the reference position of a CAM and the event position of a DENM are
    // mandatory, and what a station does not know it sends as "unavailable" (TS 102 894-2: latitude 900000001,
    // semiMajorConfidence 4095), never as a guess. A unit without a fix (or whose clock is not synchronised, so its
    // generationTime would be wrong) therefore generates no CAM and triggers no DENM; it says so here and on the HMI.
    private static void Report(GnssStatus status, GnssClock clock, ILogger log, IAlertOutput? alerts)
    {
        switch (status)
        {
            case GnssStatus.Ready:
                log.LogInformation("GNSS ready: fix and clock within {Bound} ms (offset {Offset})", clock.Bound.TotalMilliseconds, clock.Offset);
                alerts?.Clear(GnssAlertId);
                break;
            case GnssStatus.NoFix:
                log.LogWarning("GNSS: no fix: no CAM is generated and no DENM triggered until the fix is back");
                alerts?.Raise(new HmiAlert(GnssAlertId, AlertSeverity.Warning, "No GNSS fix: V2X messages are not sent"));
                break;
            default:
                log.LogWarning("GNSS: clock not synchronised within {Bound} ms ({Steps} steps): no CAM or DENM is generated until it is",
                    clock.Bound.TotalMilliseconds, clock.Steps.ToString(CultureInfo.InvariantCulture));
                alerts?.Raise(new HmiAlert(GnssAlertId, AlertSeverity.Warning, "GNSS time not synchronised: V2X messages are not sent"));
                break;
        }
    }
}
