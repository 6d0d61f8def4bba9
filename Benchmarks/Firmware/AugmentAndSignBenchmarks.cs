using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Protocol;
using Hardware.Boards;
using Hardware.Security;
using V2x.Security;
using V2x.Security.Signing;

namespace Benchmarks.Firmware;

/// <summary>
/// Augment-and-sign latency and rate (issue 4): the per-message check, counter, nonce, report and
/// one AT signature, with the AT key in memory and in the SoftHSM2 PKCS#11 token, in process and
/// through the in-memory protocol channel, beside raw ECDsa P-256 signing in the same run.
/// The PKCS#11 rows need `source .state/env`; they create keys under a unique prefix and delete them.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class AugmentAndSignBenchmarks
{
    private readonly byte[] _digest = SHA256.HashData("benchmark"u8);
    private readonly string _prefix = "bfw" + Guid.NewGuid().ToString("N")[..8] + "-";
    private readonly SignRequest _request = new(Psid.Cam, new byte[100], null, SignerChoice.Digest);
    private ECDsa _raw = null!;
    private BenchBoard _memory = null!;
    private BenchBoard _token = null!;
    private Pkcs11KeyStore _pkcs11 = null!;
    private InMemoryChannel _channel = null!;
    private SecurePartitionClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _raw = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _memory = new BenchBoard(ObuBoards.ObuSmall, null, _prefix);
        _pkcs11 = new Pkcs11KeyStore(new Pkcs11KeyStoreOptions
        {
            ModulePath = Required("V2X_PKCS11_LIB"),
            TokenLabel = Required("V2X_TOKEN_LABEL"),
            UserPin = Required("V2X_TOKEN_PIN"),
        });
        _token = new BenchBoard(ObuBoards.ObuSmall, _pkcs11, _prefix);
        _channel = new InMemoryChannel(new ProtocolServer(_memory.Partition));
        _client = new SecurePartitionClient(_channel.Connect());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _channel.Dispose();
        _memory.Dispose();
        _token.Dispose();
        foreach (var label in _pkcs11.List().Where(l => l.StartsWith(_prefix, StringComparison.Ordinal)))
        {
            _pkcs11.Delete(label);
        }

        _pkcs11.Dispose();
        _raw.Dispose();
    }

    [Benchmark(Baseline = true)]
    public byte[] RawEcdsaP256Sign() => _raw.SignHash(_digest);

    [Benchmark]
    public SignedMessage AugmentAndSignInMemoryKey() => _memory.Partition.AugmentAndSign(_request);

    [Benchmark]
    public SignedMessage AugmentAndSignPkcs11Key() => _token.Partition.AugmentAndSign(_request);

    [Benchmark]
    public Task<SignedMessage> AugmentAndSignInMemoryKeyThroughProtocol() => _client.AugmentAndSignAsync(_request);

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
            ? v
            : throw new InvalidOperationException($"{name} is not set: source .state/env before running this benchmark.");

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
