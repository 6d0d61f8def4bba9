using System.Net;
using Bench.Hub;
using Cti.Taxii;
using Testing;

namespace Bench.Tests.Hub;

/// <summary>
/// The demo's hub as set up for the fleet (X.1382 §9.3.1.1): the OBUs' credential may read and write "Fleet
/// anomalies", the CERT analyst reads it, anyone else is refused; the store stays in the output folder.
/// </summary>
public sealed class DemoHubTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(TestInfra.NewTempDirectory("bench-hub"), "hub");
    private DemoHub _hub = null!;

    public async Task InitializeAsync() => _hub = await DemoHub.StartAsync(_folder, TimeProvider.System, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        Assert.True(File.Exists(Path.Combine(_folder, "hub.db")));
    }

    [Fact]
    public async Task The_OBUs_may_write_the_anomalies_collection_and_the_analyst_reads_it()
    {
        using var http = new HttpClient();
        var collection = await _hub.ObuClient(http, TimeProvider.System).GetCollectionAsync(_hub.AnomaliesCollection);

        Assert.Equal(("Fleet anomalies", true, true), (collection.Title, collection.CanRead, collection.CanWrite));
        Assert.Empty(await _hub.ReadAsync(CancellationToken.None));
        Assert.Equal(IPAddress.Loopback.ToString(), _hub.ApiRoot.Host);
    }

    public static TheoryData<string, string?, string?> Strangers => new()
    {
        { "the OBUs' user with another password", "fleet-obu", "not-the-password" },
        { "an unknown user", "someone", "secret" },
        { "no credentials", null, null },
    };

    [Theory]
    [MemberData(nameof(Strangers))]
    public async Task Anyone_else_is_refused(string row, string? user, string? password)
    {
        using var http = new HttpClient();
        var stranger = new TaxiiClient(http, new TaxiiClientOptions { ApiRoot = _hub.ApiRoot, Username = user, Password = password, Retry = RetryPolicy.None },
            TimeProvider.System);

        var refused = await Assert.ThrowsAsync<TaxiiClientException>(() => stranger.GetObjectsAsync(_hub.AnomaliesCollection));
        Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{row}: {refused.StatusCode}");
    }
}
