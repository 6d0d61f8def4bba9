using Firmware.Application.Composition;
using Hardware.Positioning;
using V2x.Facilities;
using V2x.Facilities.Denm;
using V2x.Facilities.ItsContainer;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Link;
using V2x.Oer;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Stack;
using V2x.Time;

namespace Fuzzing.Targets;

/// <summary>The receive seeds: a new bench PKI (written as the fixture) and the frames its stations send.</summary>
public sealed partial class ReceiveTarget
{
    /// <inheritdoc />
    public IReadOnlyList<FuzzSeed> CreateSeeds(string fixtures)
    {
        using var rootKey = EcdsaP256SignatureKey.Generate();
        using var aaKey = EcdsaP256SignatureKey.Generate();
        using var cachedKey = EcdsaP256SignatureKey.Generate();
        using var newKey = EcdsaP256SignatureKey.Generate();
        using var legacyKey = EcdsaP256SignatureKey.Generate();
        var root = CertificateIssuer.SelfSignedRoot(new ToBeSignedCertificate
        {
            Id = CertificateId.FromName("root.fuzz"),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(Start.AddYears(-1)), new Duration(DurationUnit.Years, 10)),
            CertIssuePermissions = [new PsidGroupPermissions { ChainLengthRange = 1 }],
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(rootKey.PublicKey),
        }, rootKey);
        var aa = CertificateIssuer.Issue(new ToBeSignedCertificate
        {
            Id = CertificateId.FromName("aa.fuzz"),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(Start.AddMonths(-6)), new Duration(DurationUnit.Years, 5)),
            Region = GeographicRegion.FromIdentified([IdentifiedRegion.CountryOnly(276)]),
            CertIssuePermissions = [new PsidGroupPermissions { ChainLengthRange = 0 }],
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(aaKey.PublicKey),
        }, root, rootKey);
        Certificate Ticket(EcdsaP256SignatureKey key, byte? assurance) => CertificateIssuer.Issue(new ToBeSignedCertificate
        {
            Id = CertificateId.None,
            CracaId = new HashedId3(0),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(Start.AddDays(-7)), new Duration(DurationUnit.Hours, 168 * 4)),
            AssuranceLevel = 0x40,
            AppPermissions = assurance is { } level
                ? IntegrityAssurance.Put([CamPermission, DenmPermission], level)
                : [CamPermission, DenmPermission],
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(key.PublicKey),
        }, aa, aaKey);
        var cached = Ticket(cachedKey, 5);
        var fresh = Ticket(newKey, 5);
        var legacy = Ticket(legacyKey, null);

        var writer = new OerWriter(2048);
        foreach (var certificate in new[] { root, aa, cached, legacy })
        {
            certificate.Encode(writer);
        }

        Directory.CreateDirectory(fixtures);
        File.WriteAllBytes(Path.Combine(fixtures, FixtureFile), writer.ToArray());

        var a = new SpduSigner(cachedKey, cached);
        var b = new SpduSigner(newKey, fresh);
        var c = new SpduSigner(legacyKey, legacy);
        var clean = Report(IntegrityLevel.NoAnomaly, DetectorFlags.None, 1000);
        var anomaly = Report(IntegrityLevel.Anomaly, DetectorFlags.Process | DetectorFlags.Network, 1001);
        return
        [
            new("cam-digest-report", FrameBuilder.BuildSigned(Cam(1), a, SignerChoice.Digest, FrameBuilder.HeaderInfoFor(Cam(1), clean))),
            new("cam-digest-anomaly", FrameBuilder.BuildSigned(Cam(1), a, SignerChoice.Digest, FrameBuilder.HeaderInfoFor(Cam(1), anomaly))),
            new("cam-digest-no-report", FrameBuilder.BuildSigned(Cam(1), a, SignerChoice.Digest)),
            new("cam-certificate-report", FrameBuilder.BuildSigned(Cam(2), b, SignerChoice.Certificate, FrameBuilder.HeaderInfoFor(Cam(2), clean))),
            new("cam-unknown-digest", FrameBuilder.BuildSigned(Cam(2), b, SignerChoice.Digest, FrameBuilder.HeaderInfoFor(Cam(2), clean))),
            new("cam-legacy-certificate", FrameBuilder.BuildSigned(Cam(3), c, SignerChoice.Certificate)),
            new("denm-certificate-report", FrameBuilder.BuildSigned(Denm(2), b, SignerChoice.Certificate, FrameBuilder.HeaderInfoFor(Denm(2), clean))),
            new("denm-digest-no-report", FrameBuilder.BuildSigned(Denm(1), a, SignerChoice.Digest)),
            new("cam-unsecured", FrameBuilder.BuildUnsecured(Cam(1))),
        ];
    }

    private static readonly PsidSsp CamPermission = new(Psid.Cam, ServiceSpecificPermissions.Bitmap([0x01, 0x00, 0x00]));

    private static readonly PsidSsp DenmPermission = new(Psid.Denm, ServiceSpecificPermissions.Bitmap([0x01, 0xFF, 0xFF, 0xFF]));

    private static IntegrityReport Report(IntegrityLevel level, DetectorFlags flags, uint counter) =>
        new(level, flags, counter, 0x1122334455667788UL ^ counter, Time64.FromUtc(Start)) { Coverage = (DetectorFlags)0xFF00 };

    private static PositionFix Fix => new(true, 48.13743, 11.57549, 519, 13.9, 90, Start, 1.5);

    private static StationIdentity Station(uint n) => new(0x1000_0000u + n, MacAddress.Parse($"02:00:00:00:00:{n:x2}"));

    internal static FrameRequest Cam(uint station)
    {
        var cam = CamComposer.Cam(Station(station), CamComposer.Vehicle.PassengerCar, Fix, Start, lowFrequency: true);
        return new FrameRequest(FacilitiesPayload.FromCam(cam), GnTransport.SingleHopBroadcast(),
            CamComposer.PositionVector(Station(station), GnStationType.PassengerCar, Fix), Start);
    }

    // The emergency electronic brake light DENM as DenmService composes it (EN 302 637-3 §8).
    internal static FrameRequest Denm(uint station)
    {
        var identity = Station(station);
        var time = TimestampIts.FromUtc(Start);
        var brake = DenmEvent.EmergencyElectronicBrakeLight;
        var denm = new DenmMessage(identity.StationId, new DecentralizedEnvironmentalNotificationMessage(
            new ManagementContainer(new ActionId(identity.StationId, 1), time, time, CamComposer.ReferencePosition(Fix), StationType.PassengerCar,
                RelevanceDistance: RelevanceDistance.LessThan500m, ValidityDurationSeconds: 10, TransmissionIntervalMilliseconds: 500),
            new SituationContainer(brake.InformationQuality, brake.EventType)));
        var position = denm.Denm.Management.EventPosition;
        return new FrameRequest(FacilitiesPayload.FromDenm(denm),
            GnTransport.GeoBroadcastCircle(1, position.LatitudeTenthMicrodegrees, position.LongitudeTenthMicrodegrees, brake.RelevanceRadiusMetres),
            CamComposer.PositionVector(identity, GnStationType.PassengerCar, Fix), Start);
    }
}
