using Firmware.Host;
using Firmware.SecurePartition;
using Firmware.SecurePartition.BlackBox;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Policy;
using Hardware.Boards;
using Hardware.Security;
using Hardware.Simulated;
using Microsoft.Extensions.Time.Testing;
using V2x.Security.Crypto;

namespace Firmware.Tests.Support;

/// <summary>
/// A simulated OBU flashed with a bench image set (reference images 1.0.0 / secure version 1, the
/// OEM-signed manifest and the simulated-board policy), on a FakeTimeProvider, with a restart that
/// reopens the same flash image file.
/// </summary>
internal sealed class TestBench : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly EcdsaP256SignatureKey OemKey = EcdsaP256SignatureKey.Generate();

    public static readonly BootRom Rom = new(OemKey.PublicKey);

    private readonly IKeyStore? _keyStore;

    private TestBench(string directory, IKeyStore? keyStore, BoardDescription layout)
    {
        Directory = directory;
        _keyStore = keyStore;
        Layout = layout;
        FlashPath = Path.Combine(directory, "obu.bin");
        Board = SimulatedBoard.Create(FlashPath, layout, Options());
    }

    public string Directory { get; }

    public string FlashPath { get; }

    public BoardDescription Layout { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public SimulatedBoard Board { get; private set; }

    public SecurePartitionService? Partition { get; private set; }

    /// <summary>A board flashed with the bench image set. Pass a key store that outlives restarts when keys must survive them.</summary>
    public static TestBench Create(DetectionPolicy? policy = null, IKeyStore? keyStore = null, BoardDescription? layout = null)
    {
        var bench = new TestBench(Testing.TestInfra.NewTempDirectory("fw-test"), keyStore, layout ?? ObuBoards.ObuSmall);
        bench.Flash(policy: policy);
        return bench;
    }

    /// <summary>Writes an image set (a re-flash raises the flash generation).</summary>
    public FirmwareImageSet Flash(string version = "1.0.0", uint secureVersion = 1, uint? manifestVersion = null, DetectionPolicy? policy = null, uint? minimumSecureVersion = null)
    {
        var set = FirmwareImageSet.Build(Board.FlashImage.Partitions, version, secureVersion, minimumSecureVersion ?? secureVersion,
            manifestVersion ?? new AntiRollback(Board.Store).ManifestVersion + 1, policy ?? DefaultPolicies.SimulatedObu(), OemKey, Time.GetUtcNow());
        set.WriteTo(Board.FlashImage, Board.Store);
        return set;
    }

    /// <summary>Boots the secure partition on the board.</summary>
    public SecurePartitionService StartPartition(bool periodicScans = false, string prefix = "idf-", V2x.Integrity.ReportCarrier carrier = V2x.Integrity.ReportCarrier.Facilities)
    {
        Partition?.Dispose();
        Partition = new SecurePartitionService(new SecurePartitionOptions
        {
            ReportCarrier = carrier,
            Board = Board.Capabilities,
            Rom = Rom,
            BlackBox = new FlashBlackBoxMedium(Board.FlashImage),
            PeriodicScans = periodicScans,
            KeyLabelPrefix = prefix,
            CounterBlockSize = 16,
        });
        return Partition;
    }

    /// <summary>Restarts the board (reopens the flash file); the partition must be started again.</summary>
    public void Restart()
    {
        Partition?.Dispose();
        Partition = null;
        Board.Dispose();
        Board = SimulatedBoard.Open(FlashPath, Options());
    }

    public void Dispose()
    {
        Partition?.Dispose();
        Board.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private SimulatedBoardOptions Options() => new() { Time = Time, KeyStore = _keyStore };
}
