using Firmware.Host;
using Firmware.Nano.Boot;
using Firmware.Nano.Counters;
using Firmware.Nano.Detection;
using Firmware.Nano.Partition;
using Firmware.Nano.SecureElement;
using Hardware.Boards;
using Hardware.SecureElement;
using Microsoft.Extensions.Time.Testing;
using V2x.Security.Certificates;
using V2x.Security.Crypto;

namespace Firmware.Nano.Tests.Support;

/// <summary>
/// An ESP32 OBU board on the desk: the flash tool's deployment set (Firmware/Host/Esp32DeploymentSet) laid into a
/// 4 MiB flash at the addresses nanoff would write, a provisioned and locked ATECC608 simulator (ticket key in slot 0,
/// OEM key in slot 15), NVS, the chip's status, a TAI clock; <see cref="Start"/> runs what the MCU runs at start
/// (measured boot, the counter, the IDF) and gives the partition that signs.
/// </summary>
public sealed class Esp32Rig : IDisposable
{
    public Esp32Rig(NanoAuthority? authority = null)
    {
        Authority = authority ?? new NanoAuthority();
        Time = new FakeTimeProvider(NanoAuthority.Now);
        Element = new SimulatedAtecc608(Time);
        Driver = new Atecc608(new SimulatedBus(Element), new ClockDelay(Time));
        TicketKey = Element.GenerateKey(0);
        Oem = EcdsaP256SignatureKey.Generate();
        Images = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["bootloader"] = Pattern(0x6000, 1),
            ["factory"] = Pattern(0x40000, 2),
            ["deploy"] = Pattern(0x20000, 3),
        };
        Set = Esp32DeploymentSet.Build(ObuBoards.Esp32Obu4MiB, ObuBoards.Esp32Obu4MiB.FlashSizeBytes, Images, "1.0.0", 1, 1,
            Esp32DeploymentSet.DefaultPolicy(1), Oem, NanoAuthority.Now);
        Element.WritePublicKey(15, Set.OemPublicKey);
        Element.LockZones();
        Flash = new FlashImage((int)ObuBoards.Esp32Obu4MiB.FlashSizeBytes);
        Flash.Write(MeasuredBoot.BootloaderOffset, Images["bootloader"]);
        Flash.Write(PartitionTable.DefaultOffset, Set.PartitionTableBinary);
        Flash.Write(Set.Partitions["factory"].OffsetBytes, Images["factory"]);
        Flash.Write(Set.Partitions["deploy"].OffsetBytes, Images["deploy"]);
        Flash.Write(Set.Partitions["idf"].OffsetBytes, Set.IdfPartition);
        Ticket = Authority.Ticket(TicketKey);
        Clock = new TaiClock(Time);
    }

    public NanoAuthority Authority { get; }

    public FakeTimeProvider Time { get; }

    public SimulatedAtecc608 Element { get; }

    public Atecc608 Driver { get; }

    public byte[] TicketKey { get; }

    public EcdsaP256SignatureKey Oem { get; }

    public Dictionary<string, byte[]> Images { get; }

    public Esp32DeploymentSet Set { get; }

    public FlashImage Flash { get; }

    public MemoryNvs Nvs { get; } = new();

    public ScriptedChip Chip { get; } = new();

    public TaiClock Clock { get; }

    public Certificate Ticket { get; }

    /// <summary>The signing slot's key the detector expects (null: not recorded at provisioning).</summary>
    public byte[]? ExpectedKey { get; set; }

    /// <summary>What one start of the MCU gives: the boot measurement, the counter, the IDF and the signing partition.</summary>
    public (BootMeasurement Boot, MessageCounter Counter, IntegrityDetectionFunction Idf, McuSecurePartition Partition) Start(uint blockSize = 1024)
    {
        var layout = new ElementLayout(0, 15, 0, ExpectedKey ?? TicketKey);
        var boot = MeasuredBoot.Run(Flash, Nvs, Driver, layout.OemKeySlot);
        var counter = new MessageCounter(Nvs, Driver, layout.CounterId, blockSize);
        var board = new McuBoard(Flash, Nvs, Chip, Chip, Chip, Driver, layout);
        var idf = new IntegrityDetectionFunction(board, boot, counter);
        var partition = new McuSecurePartition(idf, counter, Driver, new SeededRandom(7), Clock, Ticket.Encoded.ToArray(), layout.SigningKeySlot, 0);
        return (boot, counter, idf, partition);
    }

    public void Dispose()
    {
        Element.Dispose();
        Oem.Dispose();
    }

    private static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
