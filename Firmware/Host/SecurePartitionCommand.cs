using System.Runtime.InteropServices;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Firmware.Host;

/// <summary>
/// `secure-partition --flash FLASH --socket PATH`: boots the secure partition on a board and
/// serves the protocol on a Unix domain socket until SIGTERM or SIGINT: mode 0600, or 0660 in
/// Socket:Group, peers admitted by SO_PEERCRED (<see cref="SocketSettings"/>). Logs are JSON lines
/// on standard output (Logging:LogLevel:Default, default Information).
/// </summary>
public static class SecurePartitionCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlySet<string> flags, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        var socketPath = Settings.Require(configuration, "Socket:Path");
        using var loggers = Logs.Create(configuration);
        var log = loggers.CreateLogger("SecurePartition");
        // With GNSS (Gnss:Source) the partition signs with GNSS time (its own gpsd client or serial reader).
        var gnss = await FieldHardware.OpenGnssAsync(configuration, loggers.CreateLogger("Gnss"), null, cancellationToken).ConfigureAwait(false);
        await using var gnssOwner = gnss;
        using var board = HostedBoard.Open(configuration, (TimeProvider?)gnss?.Clock ?? TimeProvider.System);
        using var partition = new SecurePartitionService(new SecurePartitionOptions
        {
            Board = board.Board,
            Rom = board.Rom,
            BlackBox = board.BlackBox,
            KeyLabelPrefix = configuration["KeyStore:LabelPrefix"] ?? "idf-",
            CounterBlockSize = Settings.UInt(configuration, "Counter:BlockSize", 1024),
            ReportCarrier = Settings.Carrier(configuration),
            Deployment = DeploymentSettings.Options(configuration),
            Logger = log,
        });
        var socketOptions = SocketSettings.Read(configuration);
        var server = new UnixSocketServer(socketPath, new ProtocolServer(partition, logger: log), socketOptions, log);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        await using (server.ConfigureAwait(false))
        {
            server.Start();
            log.LogInformation("Serving {Board} on {Socket} ({Access}): level {Level}", board.Board.Name, socketPath, SocketSettings.Describe(socketOptions), partition.Idf.Latest.Level);
            await output.FlushAsync(stop.Token).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                log.LogInformation("Stopping");
            }
        }

        return 0;
    }
}
