using Firmware.SecurePartition;
using Firmware.SecurePartition.BlackBox;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Protocol;
using Hardware.Linux;
using Hardware.Security;
using Hardware.Storage;
using Microsoft.Extensions.Time.Testing;
using V2x.Integrity;
using V2x.Security.Crypto;

namespace Firmware.Tests.Deployment.Support;

/// <summary>
/// A Linux OBU on this machine (Hardware/Linux: the real /proc, records as files) whose sealed deployment
/// is <c>deploymentRoot</c>, its state (records, black box, ROM) in <c>state</c>: the secure partition
/// booted on a FakeTimeProvider, and a client over the in-memory channel. A restart is a new instance
/// on the same state folder (the key store is in memory: tickets do not survive it).
/// </summary>
internal sealed class LinuxObu : IAsyncDisposable
{
    private readonly LinuxBoard _board;
    private readonly InMemoryKeyStore _keys = new();
    private readonly FileBlackBoxMedium _blackBox;

    public LinuxObu(string deploymentRoot, string state, BootRom rom, FakeTimeProvider time, bool periodicScans = false)
    {
        Time = time;
        _board = new LinuxBoard(new LinuxBoardOptions { Time = time, StorageDirectory = StorePath(state), DeploymentRoot = deploymentRoot, KeyStore = _keys });
        _blackBox = new FileBlackBoxMedium(Path.Combine(state, "blackbox.bin"), 512 * 1024);
        Partition = new SecurePartitionService(new SecurePartitionOptions
        {
            Board = _board.Capabilities,
            Rom = rom,
            BlackBox = _blackBox,
            PeriodicScans = periodicScans,
            CounterBlockSize = 16,
        });
        Channel = new InMemoryChannel(new ProtocolServer(Partition));
        Client = new SecurePartitionClient(Channel.Connect());
    }

    public FakeTimeProvider Time { get; }

    public SecurePartitionService Partition { get; }

    public InMemoryChannel Channel { get; }

    public SecurePartitionClient Client { get; }

    /// <summary>The integrity detector's result of the latest scan.</summary>
    public SecurePartition.Detection.DetectorResult Integrity => Partition.Idf.Latest.Results.Single(r => r.Detector == DetectorFlags.IntegrityCheck);

    public static string StorePath(string state) => Path.Combine(state, "nvs");

    /// <summary>A state folder with the Linux host policy signed by the OEM (what `flash --board Linux` writes).</summary>
    public static string NewState(string parent, EcdsaP256SignatureKey oemKey, DateTimeOffset now)
    {
        var state = Path.Combine(parent, "state-" + Guid.NewGuid().ToString("N")[..8]);
        new FileDurableStore(StorePath(state)).Write(MeasuredBoot.PolicyKey, PolicyCodec.Sign(DefaultPolicies.LinuxHost(1), oemKey, now));
        return state;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        Channel.Dispose();
        Partition.Dispose();
        _blackBox.Dispose();
        _board.Dispose();
        _keys.Dispose();
    }
}
