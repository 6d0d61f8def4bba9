using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using V2x.Oer;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Time;

namespace Benchmarks.V2x;

/// <summary>
/// Encode+sign and decode+verify of a CAM-sized signed SPDU (100-octet opaque payload, digest signer)
/// beside raw ECDsa P-256 sign and verify of the same bytes, in the same run. The RateVsRaw column is
/// (raw time / this time): targets are ≥ 0.80 for decode+verify and ≥ 0.70 for encode+sign.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[Config(typeof(RateVsRawConfig))]
public class SignedCamBenchmarks
{
    private readonly byte[] _payload = new byte[100];
    private readonly OerWriter _writer = new(512);
    private EcdsaP256SignatureKey _key = null!;
    private ECDsa _raw = null!;
    private SpduSigner _signer = null!;
    private SpduVerifier _verifier = null!;
    private VerificationKeyCache _cache = null!;
    private HeaderInfo _header = null!;
    private byte[] _message = null!;
    private byte[] _rawSignature = null!;
    private VerificationKey _cachedKey = null!;
    private byte[] _digest = null!;
    private byte[] _r = null!;
    private byte[] _s = null!;

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < _payload.Length; i++)
        {
            _payload[i] = (byte)(i * 37);
        }

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
            AppPermissions = [new PsidSsp(Psid.Cam, ServiceSpecificPermissions.Bitmap([1, 0, 0]))],
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(_key.PublicKey),
        }, root, rootKey);
        _signer = new SpduSigner(_key, ticket);
        _cache = new VerificationKeyCache();
        _verifier = new SpduVerifier(_cache);
        _verifier.Trust(root);
        _verifier.DecodeAndVerify(_signer.SignPayload(_payload, Psid.Cam, new Time64(1), SignerChoice.Certificate));
        _header = new HeaderInfo { Psid = Psid.Cam, GenerationTime = new Time64(700_000_000_000_000) };
        _message = _signer.SignPayload(_payload, _header, SignerChoice.Digest);

        var signed = Ieee1609Dot2Data.Decode(_message).SignedData!;
        _cache.TryGet(signed.Signer.Digest, out var cached);
        _cachedKey = cached.Key;
        _digest = new byte[32];
        SignatureInput.ComputeDigest(SignatureAlgorithm.EcdsaNistP256, signed.TbsData.Encoded.Span, cached.SignerHash, null, _digest);
        _r = signed.Signature.R.X.ToArray();
        _s = signed.Signature.S.ToArray();

        _raw = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = _key.ExportPrivateKey() });
        _rawSignature = _raw.SignData(_message, HashAlgorithmName.SHA256);
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
    public byte[] RawEcdsaSign() => _raw.SignData(_message, HashAlgorithmName.SHA256);

    [Benchmark]
    [BenchmarkCategory("sign")]
    public int EncodeAndSign()
    {
        _writer.Reset();
        _signer.SignPayload(_writer, _payload, _header, SignerChoice.Digest);
        return _writer.Length;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("verify")]
    public bool RawEcdsaVerify() => _raw.VerifyData(_message, _rawSignature, HashAlgorithmName.SHA256);

    [Benchmark]
    [BenchmarkCategory("verify")]
    public int DecodeAndVerify() => _verifier.DecodeAndVerify(_message).Payload.Length;

    /// <summary>Where decode+verify spends its time: the decoding alone.</summary>
    [Benchmark]
    [BenchmarkCategory("parts")]
    public int DecodeOnly() => Ieee1609Dot2Data.Decode(_message).Encoded.Length;

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

    private sealed class RateVsRawConfig : ManualConfig
    {
        public RateVsRawConfig()
        {
            AddColumn(new RateVsRawColumn());
        }
    }
}
