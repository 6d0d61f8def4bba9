using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Firmware.Application.Composition;
using Firmware.Application.Receiving;
using Firmware.Application.Replay;
using Firmware.Application.Trust;
using Hardware.Positioning;
using PkiProtocol.Messages;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Link;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Stack;
using V2x.Time;

namespace Benchmarks.Firmware;

/// <summary>
/// The OBU receive path (issue 5): a batch of distinct signed CAM frames with the integrity report from 16
/// neighbours through <see cref="ReceivePipeline.Process"/>: decode every layer, the ticket's chain from the
/// cache (root and AA validated once), the CRL look-up of the ticket and its AA among 100,000 revoked entries,
/// region, permissions, freshness, replay (duplicate cache and counter window), the ECDSA P-256 signature,
/// the report's consistency, the decision table, and the decision logged to the recent feed. Beside it, raw
/// .NET ECDsa P-256 VerifyData of a frame of the same size in the same run. Each iteration starts a new
/// pipeline over the same trust store and CRLs, so every frame is new to the replay state and is fully
/// verified; each message is one operation. The "neighbour" category reports the bounded memory of one
/// tracked neighbour: the allocation of a <see cref="NeighbourTable"/> per slot.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[Config(typeof(ReceiveConfig))]
public class ReceivePathBenchmarks
{
    private const int Stations = 16;
    private const int FramesPerStation = 256;
    private const int Frames = Stations * FramesPerStation;
    private const int RevokedEntries = 100_000;
    private const int NeighbourSlots = 4096;

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<EcdsaP256SignatureKey> _keys = [];
    private byte[][] _frames = null!;
    private TrustStore _trust = null!;
    private RevocationSet _revocations = null!;
    private ReceiverOptions _options = null!;
    private ReceivePipeline _pipeline = null!;
    private ECDsa _raw = null!;
    private byte[] _rawSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rootKey = Key();
        var root = CertificateIssuer.SelfSignedRoot(new ToBeSignedCertificate
        {
            Id = CertificateId.FromName("root.bench"),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(Start.AddYears(-1)), new Duration(DurationUnit.Years, 10)),
            CertIssuePermissions = [new PsidGroupPermissions { ChainLengthRange = 1 }],
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(rootKey.PublicKey),
        }, rootKey);
        var aaKey = Key();
        var aa = CertificateIssuer.Issue(new ToBeSignedCertificate
        {
            Id = CertificateId.FromName("aa.bench"),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(Start.AddMonths(-6)), new Duration(DurationUnit.Years, 5)),
            Region = GeographicRegion.FromIdentified([IdentifiedRegion.CountryOnly(276)]),
            CertIssuePermissions = [new PsidGroupPermissions { ChainLengthRange = 0 }],
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(aaKey.PublicKey),
        }, root, rootKey);

        var clock = new SettableClock(Start.AddMilliseconds(500));
        _trust = new TrustStore(root);
        _trust.AddCa(aa, Time64.FromUtc(Start));

        // 100,000 revoked tickets on the AA's CRL (none of them ours), the root's CRL empty.
        _revocations = new RevocationSet();
        var revoked = new HashedId8[RevokedEntries];
        var random = new Random(5);
        for (var i = 0; i < revoked.Length; i++)
        {
            revoked[i] = new HashedId8((ulong)random.NextInt64(long.MinValue, long.MaxValue));
        }

        _revocations.Apply(root.HashedId8, new ToBeSignedCrl(Time32.FromUtc(Start), Time32.FromUtc(Start.AddDays(1)), []));
        _revocations.Apply(aa.HashedId8, new ToBeSignedCrl(Time32.FromUtc(Start), Time32.FromUtc(Start.AddDays(1)), revoked));
        _options = new ReceiverOptions { Trust = _trust, Clock = clock, Revocations = _revocations, Name = "bench" };

        // Frames i of the batch: station i % 16, counter i / 16, generated 100 µs apart, all fresh at the clock.
        var signers = new SpduSigner[Stations];
        var identities = new StationIdentity[Stations];
        using (var first = new ReceivePipeline(_options))
        {
            for (var s = 0; s < Stations; s++)
            {
                var key = Key();
                var ticket = CertificateIssuer.Issue(new ToBeSignedCertificate
                {
                    Id = CertificateId.None,
                    CracaId = new HashedId3(0),
                    ValidityPeriod = new ValidityPeriod(Time32.FromUtc(Start.AddDays(-7)), new Duration(DurationUnit.Hours, 168 * 4)),
                    AssuranceLevel = 0x40,
                    AppPermissions = IntegrityAssurance.Put(
                        [new PsidSsp(Psid.Cam, ServiceSpecificPermissions.Bitmap([0x01, 0x00, 0x00])), new PsidSsp(Psid.Denm, ServiceSpecificPermissions.Bitmap([0x01, 0xFF, 0xFF, 0xFF]))], 5),
                    VerifyKeyIndicator = VerificationKeyIndicator.FromKey(key.PublicKey),
                }, aa, aaKey);
                first.AddCertificate(ticket);
                signers[s] = new SpduSigner(key, ticket);
                identities[s] = new StationIdentity(0x1000_0000u + (uint)s, MacAddress.Parse($"02:00:00:00:10:{s:x2}"));
            }
        }

        _frames = new byte[Frames][];
        for (var i = 0; i < Frames; i++)
        {
            var s = i % Stations;
            var time = Start.AddTicks(i * 1000L);
            var fix = new PositionFix(true, 48.13743, 11.57549, 519, 13.9, 90, time, 1.5);
            var cam = CamComposer.Cam(identities[s], CamComposer.Vehicle.PassengerCar, fix, time, lowFrequency: false);
            var request = new FrameRequest(FacilitiesPayload.FromCam(cam), GnTransport.SingleHopBroadcast(),
                CamComposer.PositionVector(identities[s], GnStationType.PassengerCar, fix), time);
            var report = new IntegrityReport(IntegrityLevel.NoAnomaly, DetectorFlags.None, 1000u + (uint)(i / Stations), 0x1122334455667788UL ^ (ulong)i, Time64.FromUtc(time));
            _frames[i] = FrameBuilder.BuildSigned(request, signers[s], SignerChoice.Digest, FrameBuilder.HeaderInfoFor(request, report));
        }

        _raw = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _rawSignature = _raw.SignData(_frames[0], HashAlgorithmName.SHA256);
        _pipeline = new ReceivePipeline(_options);
        if (!_pipeline.Process(_frames[0]).IsAccepted)
        {
            throw new InvalidOperationException("the benchmark's frames must be accepted");
        }
    }

    [IterationSetup(Target = nameof(ReceivePath))]
    public void NewPipeline()
    {
        _pipeline.Dispose();
        _pipeline = new ReceivePipeline(_options);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pipeline.Dispose();
        _trust.Dispose();
        _raw.Dispose();
        foreach (var k in _keys)
        {
            k.Dispose();
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("receive")]
    public bool RawEcdsaVerify() => _raw.VerifyData(_frames[0], _rawSignature, HashAlgorithmName.SHA256);

    /// <summary>One message through the whole receive path (per operation; a batch of 4,096 distinct frames per invocation).</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    [BenchmarkCategory("receive")]
    public int ReceivePath()
    {
        var accepted = 0;
        foreach (var frame in _frames)
        {
            if (_pipeline.Process(frame).IsAccepted)
            {
                accepted++;
            }
        }

        if (accepted != Frames)
        {
            throw new InvalidOperationException($"{Frames - accepted} frames were rejected");
        }

        return accepted;
    }

    /// <summary>The memory of one tracked neighbour: a table of 4,096 slots allocated, per slot (the Allocated column).</summary>
    [Benchmark(OperationsPerInvoke = NeighbourSlots)]
    [BenchmarkCategory("neighbour")]
    public int NeighbourSlot() => new NeighbourTable(NeighbourSlots, TimeSpan.FromMinutes(5)).Capacity;

    private EcdsaP256SignatureKey Key()
    {
        var key = EcdsaP256SignatureKey.Generate();
        _keys.Add(key);
        return key;
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class ReceiveConfig : ManualConfig
    {
        public ReceiveConfig()
        {
            AddColumn(new ReceiveRateColumn());
        }
    }
}
