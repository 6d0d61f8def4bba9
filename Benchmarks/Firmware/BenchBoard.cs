using Firmware.Host;
using Firmware.SecurePartition;
using Firmware.SecurePartition.BlackBox;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Triggers;
using Hardware.Boards;
using Hardware.Security;
using Hardware.Simulated;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Time;

namespace Benchmarks.Firmware;

/// <summary>A flashed simulated OBU with a running secure partition and one provisioned ticket, for the firmware benchmarks.</summary>
internal sealed class BenchBoard : IDisposable
{
    private readonly EcdsaP256SignatureKey _oem = EcdsaP256SignatureKey.Generate();
    private readonly EcdsaP256SignatureKey _root = EcdsaP256SignatureKey.Generate();

    public BenchBoard(BoardDescription layout, IKeyStore? keyStore, string prefix)
    {
        Directory = Path.Combine(Path.GetTempPath(), "bench-fw-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        FlashPath = Path.Combine(Directory, "obu.bin");
        Board = SimulatedBoard.Create(FlashPath, layout, new SimulatedBoardOptions { Time = TimeProvider.System, KeyStore = keyStore });
        FirmwareImageSet.Build(Board.FlashImage.Partitions, "1.0.0", 1, 1, 1, DefaultPolicies.SimulatedObu(), _oem, TimeProvider.System.GetUtcNow())
            .WriteTo(Board.FlashImage, Board.Store);
        Board.Dispose();
        Board = SimulatedBoard.Open(FlashPath, new SimulatedBoardOptions { Time = TimeProvider.System, KeyStore = keyStore });
        Partition = new SecurePartitionService(new SecurePartitionOptions
        {
            Board = Board.Capabilities,
            Rom = new BootRom(_oem.PublicKey),
            BlackBox = new FlashBlackBoxMedium(Board.FlashImage),
            PeriodicScans = false,
            KeyLabelPrefix = prefix,
        });
        Partition.TriggerCheck(TriggerKind.ApplicationStart, "benchmark application");
        var (slot, key) = Partition.Keys.GenerateTicketKey();
        Partition.Keys.InstallTicket(slot, Ticket(key).Encoded);
    }

    public string Directory { get; }

    public string FlashPath { get; }

    public SimulatedBoard Board { get; }

    public SecurePartitionService Partition { get; }

    public void Dispose()
    {
        Partition.Dispose();
        Board.Dispose();
        _oem.Dispose();
        _root.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private Certificate Ticket(byte[] publicKey)
    {
        var root = CertificateIssuer.SelfSignedRoot(new ToBeSignedCertificate
        {
            Id = CertificateId.FromName("bench-root"),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)), new Duration(DurationUnit.Years, 10)),
            CertIssuePermissions = [new PsidGroupPermissions { ChainLengthRange = 1 }],
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(_root.PublicKey),
        }, _root);
        return CertificateIssuer.Issue(new ToBeSignedCertificate
        {
            Id = CertificateId.None,
            CracaId = new HashedId3(0),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), new Duration(DurationUnit.Hours, 168 * 20)),
            AppPermissions = IntegrityAssurance.Put([new PsidSsp(Psid.Cam, null)], 5),
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(BootRom.DecodeKey(publicKey)),
        }, root, _root);
    }
}
