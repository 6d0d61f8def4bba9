using Firmware.Host;
using Firmware.SecurePartition;
using Firmware.SecurePartition.BlackBox;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Protocol;
using Firmware.SecurePartition.Triggers;
using Hardware.Boards;
using Hardware.Simulated;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Time;

namespace Fuzzing.Targets;

/// <summary>
/// The partition protocol server (Docs/secure-partition.md, "Protocol"): one simulated OBU, flashed with a bench
/// image set, its partition started with the application announced and one ticket installed, served by a
/// <see cref="ProtocolServer"/>; each input is everything a client sends on one new connection. The server must
/// answer or close (a typed error frame), never throw out of <see cref="ProtocolServer.ServeAsync"/>.
/// The board lives for the process (as the real partition serves many connections in turn).
/// </summary>
public sealed partial class PartitionTarget : IFuzzTarget, IDisposable
{
    private readonly Lazy<Served> _served = new(() => new Served());

    /// <inheritdoc />
    public string Name => "partition";

    /// <inheritdoc />
    public string Run(byte[] input)
    {
        var connection = new InputConnection(input);
        _served.Value.Server.ServeAsync(connection, CancellationToken.None).GetAwaiter().GetResult();
        return $"served: {connection.Answered} octet(s) answered";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_served.IsValueCreated)
        {
            _served.Value.Dispose();
        }
    }

    /// <summary>A flashed simulated OBU whose partition is started, with the application announced and a ticket installed.</summary>
    private sealed class Served : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("fuzz-partition-").FullName;
        private readonly EcdsaP256SignatureKey _oem = EcdsaP256SignatureKey.Generate();
        private readonly EcdsaP256SignatureKey _root = EcdsaP256SignatureKey.Generate();
        private readonly SimulatedBoard _board;

        public Served()
        {
            var flash = Path.Combine(_directory, "obu.bin");
            var options = new SimulatedBoardOptions { Time = TimeProvider.System };
            using (var blank = SimulatedBoard.Create(flash, ObuBoards.ObuSmall, options))
            {
                FirmwareImageSet.Build(blank.FlashImage.Partitions, "1.0.0", 1, 1, 1, DefaultPolicies.SimulatedObu(), _oem, TimeProvider.System.GetUtcNow())
                    .WriteTo(blank.FlashImage, blank.Store);
            }

            _board = SimulatedBoard.Open(flash, options);
            Partition = new SecurePartitionService(new SecurePartitionOptions
            {
                Board = _board.Capabilities,
                Rom = new BootRom(_oem.PublicKey),
                BlackBox = new FlashBlackBoxMedium(_board.FlashImage),
                PeriodicScans = false,
                KeyLabelPrefix = "fuzz-",
            });
            Partition.TriggerCheck(TriggerKind.ApplicationStart, "fuzz application");
            var (slot, key) = Partition.Keys.GenerateTicketKey();
            Partition.Keys.InstallTicket(slot, Ticket(key).Encoded);
            Server = new ProtocolServer(Partition);
        }

        public SecurePartitionService Partition { get; }

        public ProtocolServer Server { get; }

        public void Dispose()
        {
            Partition.Dispose();
            _board.Dispose();
            _oem.Dispose();
            _root.Dispose();
            Directory.Delete(_directory, recursive: true);
        }

        private Certificate Ticket(byte[] publicKey)
        {
            var start = ReceiveTarget.Start;
            var root = CertificateIssuer.SelfSignedRoot(new ToBeSignedCertificate
            {
                Id = CertificateId.FromName("root.fuzz"),
                ValidityPeriod = new ValidityPeriod(Time32.FromUtc(start.AddYears(-1)), new Duration(DurationUnit.Years, 10)),
                CertIssuePermissions = [new PsidGroupPermissions { ChainLengthRange = 1 }],
                VerifyKeyIndicator = VerificationKeyIndicator.FromKey(_root.PublicKey),
            }, _root);
            return CertificateIssuer.Issue(new ToBeSignedCertificate
            {
                Id = CertificateId.None,
                CracaId = new HashedId3(0),
                ValidityPeriod = new ValidityPeriod(Time32.FromUtc(start.AddYears(-1)), new Duration(DurationUnit.Years, 5)),
                AppPermissions = IntegrityAssurance.Put([new PsidSsp(Psid.Cam, null), new PsidSsp(Psid.Denm, null)], 5),
                VerifyKeyIndicator = VerificationKeyIndicator.FromKey(BootRom.DecodeKey(publicKey)),
            }, root, _root);
        }
    }
}
