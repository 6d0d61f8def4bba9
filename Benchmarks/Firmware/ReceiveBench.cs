using Firmware.Application.Composition;
using Firmware.Application.Receiving;
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
/// What the receive-path benchmarks run on: a root and an AA (validated once), a CRL of 100,000 revoked tickets,
/// and a batch of distinct signed CAM frames with the integrity report from <c>stations</c> neighbours whose
/// tickets the trust store caches, all fresh at a fixed clock.
/// </summary>
internal sealed class ReceiveBench : IDisposable
{
    private const int RevokedEntries = 100_000;

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<EcdsaP256SignatureKey> _keys = [];

    public ReceiveBench(int stations, int framesPerStation)
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

        Clock = new SettableClock(Start.AddMilliseconds(500));
        Trust = new TrustStore(root);
        Trust.AddCa(aa, Time64.FromUtc(Start));

        // 100,000 revoked tickets on the AA's CRL (none of them ours), the root's CRL empty.
        Revocations = new RevocationSet();
        var revoked = new HashedId8[RevokedEntries];
        var random = new Random(5);
        for (var i = 0; i < revoked.Length; i++)
        {
            revoked[i] = new HashedId8((ulong)random.NextInt64(long.MinValue, long.MaxValue));
        }

        Revocations.Apply(root.HashedId8, new ToBeSignedCrl(Time32.FromUtc(Start), Time32.FromUtc(Start.AddDays(1)), []));
        Revocations.Apply(aa.HashedId8, new ToBeSignedCrl(Time32.FromUtc(Start), Time32.FromUtc(Start.AddDays(1)), revoked));

        // Frames i of the batch: station i % stations, counter i / stations, generated 100 µs apart, all fresh at the clock.
        var signers = new SpduSigner[stations];
        var identities = new StationIdentity[stations];
        using (var first = new ReceivePipeline(Options()))
        {
            for (var s = 0; s < stations; s++)
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
                identities[s] = new StationIdentity(0x1000_0000u + (uint)s, MacAddress.Parse($"02:00:00:00:{s / 256:x2}:{s % 256:x2}"));
            }
        }

        var count = stations * framesPerStation;
        Frames = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var s = i % stations;
            var time = Start.AddTicks(i * 1000L);
            var fix = new PositionFix(true, 48.13743, 11.57549, 519, 13.9, 90, time, 1.5);
            var cam = CamComposer.Cam(identities[s], CamComposer.Vehicle.PassengerCar, fix, time, lowFrequency: false);
            var request = new FrameRequest(FacilitiesPayload.FromCam(cam), GnTransport.SingleHopBroadcast(),
                CamComposer.PositionVector(identities[s], GnStationType.PassengerCar, fix), time);
            var report = new IntegrityReport(IntegrityLevel.NoAnomaly, DetectorFlags.None, 1000u + (uint)(i / stations), 0x1122334455667788UL ^ (ulong)i, Time64.FromUtc(time));
            Frames[i] = FrameBuilder.BuildSigned(request, signers[s], SignerChoice.Digest, FrameBuilder.HeaderInfoFor(request, report));
        }
    }

    /// <summary>The batch: every frame distinct, every one accepted by a new pipeline.</summary>
    public byte[][] Frames { get; }

    public TrustStore Trust { get; }

    public RevocationSet Revocations { get; }

    public TimeProvider Clock { get; }

    /// <summary>The receiver's options over the shared trust store and CRLs; <paramref name="load"/> for the queued path.</summary>
    public ReceiverOptions Options(ReceiveLoadOptions? load = null) =>
        new() { Trust = Trust, Clock = Clock, Revocations = Revocations, Name = "bench", Load = load ?? new ReceiveLoadOptions() };

    public void Dispose()
    {
        Trust.Dispose();
        foreach (var k in _keys)
        {
            k.Dispose();
        }
    }

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
}
