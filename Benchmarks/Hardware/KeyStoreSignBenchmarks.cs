using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Hardware.Security;

namespace Benchmarks.Hardware;

/// <summary>
/// Signing a 32-byte digest through the key stores against raw .NET ECDsa P-256 in the same run.
/// The PKCS#11 row uses the SoftHSM2 bench token (source .state/env first: V2X_PKCS11_LIB,
/// V2X_TOKEN_LABEL, V2X_TOKEN_PIN); it creates one key and deletes it afterwards.
/// </summary>
[MemoryDiagnoser]
public class KeyStoreSignBenchmarks
{
    private readonly byte[] _digest = SHA256.HashData("benchmark"u8);
    private readonly string _label = "bench-" + Guid.NewGuid().ToString("N")[..8];
    private ECDsa _raw = null!;
    private InMemoryKeyStore _memory = null!;
    private Pkcs11KeyStore _pkcs11 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _raw = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _memory = new InMemoryKeyStore();
        _memory.Generate(_label);
        _pkcs11 = new Pkcs11KeyStore(new Pkcs11KeyStoreOptions
        {
            ModulePath = Required("V2X_PKCS11_LIB"),
            TokenLabel = Required("V2X_TOKEN_LABEL"),
            UserPin = Required("V2X_TOKEN_PIN"),
        });
        _pkcs11.Generate(_label);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pkcs11.Delete(_label);
        _pkcs11.Dispose();
        _memory.Dispose();
        _raw.Dispose();
    }

    [Benchmark(Baseline = true)]
    public byte[] RawEcdsaSignHash() => _raw.SignHash(_digest);

    [Benchmark]
    public EcdsaSignature InMemoryKeyStoreSign() => _memory.SignDigest(_label, _digest);

    [Benchmark]
    public EcdsaSignature Pkcs11KeyStoreSign() => _pkcs11.SignDigest(_label, _digest);

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
            ? v
            : throw new InvalidOperationException($"{name} is not set: source .state/env before running this benchmark.");
}
