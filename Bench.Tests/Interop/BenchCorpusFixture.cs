using Bench.Demo;
using Bench.Tls;
using Firmware.SecurePartition.Policy;
using Testing;
using V2x.Integrity;
using V2x.Security.Crypto;

namespace Bench.Tests.Interop;

/// <summary>
/// The bench corpus of every carrier mode and sending option (<see cref="BenchCorpus"/>), recorded once for the
/// interop tests on one demo PKI and one hand-stepped clock (<see cref="SteppedClock"/>); the root and AA certificates a receiver is given.
/// </summary>
public sealed class BenchCorpusFixture : IAsyncLifetime
{
    private readonly string _folder = TestInfra.NewTempDirectory("bench-corpus");
    private DemoPki? _pki;
    private DemoTls? _tls;

    internal IReadOnlyList<BenchCorpus> Corpora { get; private set; } = [];

    internal byte[] Root { get; private set; } = [];

    internal byte[] Aa { get; private set; } = [];

    internal BenchCorpus Corpus(ReportCarrier carrier, SendingPolicy policy) => Corpora.Single(c => c.Carrier == carrier && c.Policy == policy);

    public async Task InitializeAsync()
    {
        var clock = new SteppedClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        _tls = DemoTls.Create(_folder);
        _pki = await DemoPki.StartAsync(Path.Combine(_folder, "pki"), clock, _tls, CancellationToken.None);
        using var oem = EcdsaP256SignatureKey.Generate();
        var list = new List<BenchCorpus>();
        foreach (var carrier in new[] { ReportCarrier.Facilities, ReportCarrier.HeaderInfo })
        {
            foreach (var policy in Enum.GetValues<SendingPolicy>())
            {
                list.Add(await BenchCorpus.RecordAsync(_pki, clock, oem, _folder, carrier, policy));
            }
        }

        Corpora = list;
        Root = _pki.Root.Encoded.ToArray();
        Aa = _pki.Pki.AaCertificate(null)!.Encoded.ToArray();
    }

    public async Task DisposeAsync()
    {
        if (_pki is not null)
        {
            await _pki.DisposeAsync();
        }

        _tls?.Dispose();

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}

/// <summary>The interop test classes share one recording of the corpus.</summary>
[CollectionDefinition(Name)]
public sealed class BenchCorpusCollection : ICollectionFixture<BenchCorpusFixture>
{
    public const string Name = "bench corpus";
}
