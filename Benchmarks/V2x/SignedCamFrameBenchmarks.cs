using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using V2x.Facilities.Cam;
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

namespace Benchmarks.V2x;

/// <summary>
/// A real signed CAM frame, Ethernet to CAM with the integrity report (digest signer, ECDSA P-256):
/// encode+sign from the CamMessage to the frame octets, and parse+verify from the frame octets to the
/// CamMessage, beside raw .NET ECDsa P-256 sign and verify of the same frame octets in the same run.
/// The RateVsRaw column is (raw time / this time): targets are ≥ 0.70 for encode+sign and ≥ 0.80 for
/// decode+verify (issue 2). The "parts" rows show where the time goes.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[Config(typeof(RateVsRawConfig))]
public class SignedCamFrameBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly LongPositionVector Source = new(
        new GnAddress(false, GnStationType.PassengerCar, MacAddress.Parse("02:00:5e:10:00:01")),
        GnTimestamp.FromUtc(Now), 487668616, 114320679, true, 1389, 900);

    private static readonly CamMessage Cam = new(
        1001,
        new CoopAwareness(
            GenerationDeltaTime.FromTimestamp(TimestampIts.FromUtc(Now)),
            new CamParameters(
                new BasicContainer(StationType.PassengerCar, new ReferencePosition(487668620, 114320680, new PosConfidenceEllipse(250, 180, 450), new Altitude(37200, AltitudeConfidence.Alt001_00))),
                new BasicVehicleContainerHighFrequency(
                    new Heading(900, 10), new Speed(1389, 50), DriveDirection.Forward,
                    new VehicleLength(46, VehicleLengthConfidenceIndication.NoTrailerPresent), 18,
                    new Acceleration(-12, 5), new Curvature(-25, CurvatureConfidence.OnePerMeter0_0001),
                    CurvatureCalculationMode.YawRateUsed, new YawRate(-150, YawRateConfidence.DegSec000_10)))));

    private readonly OerWriter _writer = new(512);
    private readonly GnTransport _transport = GnTransport.SingleHopBroadcast();
    private IntegrityReport _report = null!;
    private EcdsaP256SignatureKey _key = null!;
    private SpduSigner _signer = null!;
    private VerificationKeyCache _cache = null!;
    private SpduVerifier _verifier = null!;
    private ECDsa _raw = null!;
    private byte[] _frame = null!;
    private byte[] _rawSignature = null!;
    private ReadOnlyMemory<byte> _spdu;
    private VerificationKey _cachedKey = null!;
    private byte[] _digest = null!;
    private byte[] _r = null!;
    private byte[] _s = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rootKey = EcdsaP256SignatureKey.Generate();
        var root = CertificateIssuer.SelfSignedRoot(new ToBeSignedCertificate
        {
            Id = CertificateId.FromName("bench-root"),
            ValidityPeriod = new ValidityPeriod(new Time32(0), new Duration(DurationUnit.Years, 30)),
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(rootKey.PublicKey),
        }, rootKey);
        _key = EcdsaP256SignatureKey.Generate();
        var ticket = CertificateIssuer.Issue(new ToBeSignedCertificate
        {
            Id = CertificateId.None,
            ValidityPeriod = new ValidityPeriod(new Time32(0), new Duration(DurationUnit.Years, 30)),
            AppPermissions = IntegrityAssurance.Put([new PsidSsp(Psid.Cam, ServiceSpecificPermissions.Bitmap([1, 0, 0]))], 5),
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(_key.PublicKey),
        }, root, rootKey);
        _signer = new SpduSigner(_key, ticket);
        _report = new IntegrityReport(IntegrityLevel.NoAnomaly, DetectorFlags.None, 1, 0x1122334455667788, Time64.FromUtc(Now)) { Coverage = IntegrityReport.EveryClass };
        _cache = new VerificationKeyCache();
        _verifier = new SpduVerifier(_cache);
        _verifier.Trust(root);

        // The receiver has met the ticket once (a frame naming the certificate), so digest frames resolve from the cache.
        var request = Request();
        FrameParser.Parse(FrameBuilder.BuildSigned(request, _signer, SignerChoice.Certificate, _report), _verifier);
        _frame = FrameBuilder.BuildSigned(request, _signer, SignerChoice.Digest, _report);

        var received = FrameParser.Parse(_frame, _verifier);
        _spdu = _frame.AsMemory(FrameBuilder.OuterHeadersLength);
        var signed = received.Security!.SignedData;
        _cachedKey = received.Signer!.Key;
        _digest = new byte[32];
        SignatureInput.ComputeDigest(SignatureAlgorithm.EcdsaNistP256, signed.TbsData.Encoded.Span, received.Signer.SignerHash, null, _digest);
        _r = signed.Signature.R.X.ToArray();
        _s = signed.Signature.S.ToArray();

        _raw = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = _key.ExportPrivateKey() });
        _rawSignature = _raw.SignData(_frame, HashAlgorithmName.SHA256);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _key.Dispose();
        _cache.Dispose();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("sign")]
    public byte[] RawEcdsaSign() => _raw.SignData(_frame, HashAlgorithmName.SHA256);

    /// <summary>CamMessage to frame octets: UPER encode, HeaderInfo with the report, the frame written and signed in one pass.</summary>
    [Benchmark]
    [BenchmarkCategory("sign")]
    public int EncodeAndSignFrame()
    {
        var request = Request();
        _writer.Reset();
        FrameBuilder.BuildSigned(_writer, request, _signer, SignerChoice.Digest, FrameBuilder.HeaderInfoFor(request, _report));
        return _writer.Length;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("verify")]
    public bool RawEcdsaVerify() => _raw.VerifyData(_frame, _rawSignature, HashAlgorithmName.SHA256);

    /// <summary>Frame octets to CamMessage: every layer decoded, the signature verified with the cached key, the report read.</summary>
    [Benchmark]
    [BenchmarkCategory("verify")]
    public uint DecodeAndVerifyFrame() => FrameParser.Parse(_frame, _verifier).Cam!.StationId;

    /// <summary>Where encode+sign spends its time: the CAM in UPER.</summary>
    [Benchmark]
    [BenchmarkCategory("parts")]
    public int EncodeCamOnly() => CamCodec.Encode(Cam).Length;

    /// <summary>Where decode+verify spends its time: the SPDU decoded (no verification).</summary>
    [Benchmark]
    [BenchmarkCategory("parts")]
    public int DecodeSpduOnly() => Ieee1609Dot2Data.Decode(_spdu).Encoded.Length;

    /// <summary>Where decode+verify spends its time: the cached key's verification of a precomputed digest.</summary>
    [Benchmark]
    [BenchmarkCategory("parts")]
    public bool VerifyDigestOnly() => _cachedKey.VerifyDigest(_digest, _r, _s);

    /// <summary>What the key cache saves per message: decompressing a key (BouncyCastle) and importing it into ECDsa.</summary>
    [Benchmark]
    [BenchmarkCategory("parts")]
    public int ImportCompressedKey()
    {
        using var key = VerificationKey.Import(_key.PublicKey);
        return (int)key.Algorithm;
    }

    private FrameRequest Request() => new(FacilitiesPayload.FromCam(Cam), _transport, Source, Now);

    private sealed class RateVsRawConfig : ManualConfig
    {
        public RateVsRawConfig()
        {
            AddColumn(new RateVsRawColumn());
        }
    }
}
