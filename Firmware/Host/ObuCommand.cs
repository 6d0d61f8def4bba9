using System.Runtime.InteropServices;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Protocol;
using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// `obu --flash FLASH --root ROOT.cert [...]`: both partitions in one process, the application reaching the
/// secure partition through the in-memory channel (the same protocol bytes as the socket). The board's
/// position source, CAN bus and alert output serve the application. Settings: those of `secure-partition`
/// and of <see cref="ApplicationHost"/>.
/// </summary>
public static class ObuCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlySet<string> flags, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        using var loggers = Logs.Create(configuration);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        // With GNSS (Gnss:Source) the board's clock, and so every signature's generationTime, is the GNSS clock.
        var gnss = await FieldHardware.OpenGnssAsync(configuration, loggers.CreateLogger("Gnss"), null, stop.Token).ConfigureAwait(false);
        await using var gnssOwner = gnss;
        var clock = (TimeProvider?)gnss?.Clock ?? TimeProvider.System;
        using var board = HostedBoard.Open(configuration, clock);
        using var partition = new SecurePartitionService(new SecurePartitionOptions
        {
            Board = board.Board,
            Rom = board.Rom,
            BlackBox = board.BlackBox,
            KeyLabelPrefix = configuration["KeyStore:LabelPrefix"] ?? "idf-",
            CounterBlockSize = Settings.UInt(configuration, "Counter:BlockSize", 1024),
            ReportCarrier = Settings.Carrier(configuration),
            Deployment = DeploymentSettings.Options(configuration),
            Logger = loggers.CreateLogger("SecurePartition"),
        });
        using var vehicle = VehicleSide.Open(configuration, board.Board, TimeProvider.System);
        using var channel = new InMemoryChannel(new ProtocolServer(partition, logger: loggers.CreateLogger("SecurePartition.Protocol")));
        var client = new SecurePartitionClient(channel.Connect());
        await using (client.ConfigureAwait(false))
        {
            return await ApplicationHost.RunAsync(configuration, client, _ => Task.FromResult(new SecurePartitionClient(channel.Connect())), vehicle, clock, loggers, output, stop.Token, gnss).ConfigureAwait(false);
        }
    }
}
