using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Pki.Authorities;
using Pki.Store;
using PkiProtocol.Client;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Time;

namespace Benchmarks.Pki;

/// <summary>
/// One enrolment and one authorization through the authorities (library, no HTTP): the station builds the
/// request, the EA (or AA with the in-process EA validation) handles it and writes its records to SQLite, the
/// station reads the response. Beside them, the primitives they are built from: ECIES key wrapping (1609.2
/// §5.3.5) and raw ECDH and ECDSA P-256.
/// </summary>
[MemoryDiagnoser]
public class PkiFlowBenchmarks
{
    private string _folder = null!;
    private BenchPki _pki = null!;
    private EcdsaP256SignatureKey _canonical = null!;
    private EcdsaP256SignatureKey _ecKey = null!;
    private EcdsaP256SignatureKey _ticketKey = null!;
    private Certificate _ec = null!;
    private EciesP256Key _recipient = null!;
    private ECDiffieHellman _ecdh = null!;
    private ECDiffieHellman _peer = null!;
    private ECDsa _ecdsa = null!;
    private readonly byte[] _p1 = SHA256.HashData([]);
    private readonly byte[] _aesKey = new byte[16];
    private readonly byte[] _digest = SHA256.HashData("bench"u8);

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"pki-bench-{Guid.NewGuid():N}");
        _pki = BenchPki.Init(_folder, new PkiOptions(), TimeProvider.System);
        _canonical = EcdsaP256SignatureKey.Generate();
        _ecKey = EcdsaP256SignatureKey.Generate();
        _ticketKey = EcdsaP256SignatureKey.Generate();
        _pki.Ea.RegisterStation(new StationRecord
        {
            StationId = "obu-bench",
            CanonicalKey = _canonical.PublicKey,
            Vendor = "Acme",
            Product = "OBU-7",
            Idf = new PkiProtocol.Audit.IdfImplementation("Acme", "Guard", "2.0"),
            AssuranceLevel = 2,
        });
        _pki.Audit.Assess("Acme", "Guard", PkiProtocol.Audit.VersionRange.Parse("2.0"), 5, TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddYears(1), "bench");
        _ec = Enrol();
        _recipient = EciesP256Key.Generate();
        _ecdh = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        _peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pki.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "enrolment (request, EA, response)")]
    public Certificate Enrol()
    {
        var now = Time64.Now(TimeProvider.System);
        var request = StationRequests.Enrolment("obu-bench", _canonical, _ecKey, _pki.EaCertificate, now, out var key);
        return StationRequests.ReadEnrolmentResponse(_pki.Ea.ProcessEnrolment(request), key, request, _pki.EaCertificate, now);
    }

    [Benchmark(Description = "authorization (request, AA, EA validation, response)")]
    public Certificate Authorize()
    {
        var now = Time64.Now(TimeProvider.System);
        var aa = _pki.AaCertificate(null)!;
        var request = StationRequests.Authorization(_ec, _ecKey, _ticketKey, _pki.EaCertificate, aa, new TicketRequest(), now, out var key);
        return StationRequests.ReadAuthorizationResponse(_pki.Aa.ProcessAuthorization(request), key, request, aa, _ticketKey.PublicKey, now);
    }

    [Benchmark(Description = "CRL sign (EA, 0 entries)")]
    public byte[] Crl() => _pki.Root.Crl(_pki.EaCertificate.HashedId8);

    [Benchmark(Description = "ECIES wrap (1609.2 §5.3.5)")]
    public EciesP256EncryptedKey EciesWrap() => Ecies.Encrypt(_recipient.PublicKey, _aesKey, _p1);

    [Benchmark(Description = "raw ECDH P-256 (one agreement)")]
    public byte[] RawEcdh() => _ecdh.DeriveRawSecretAgreement(_peer.PublicKey);

    [Benchmark(Description = "raw ECDSA P-256 sign")]
    public byte[] RawSign() => _ecdsa.SignHash(_digest);
}
