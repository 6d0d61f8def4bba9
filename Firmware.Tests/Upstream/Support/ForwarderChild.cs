using System.Globalization;
using Cti.Taxii;
using Firmware.Upstream;
using Hardware.Random;

namespace Firmware.Tests.Upstream.Support;

/// <summary>
/// The entry point of this assembly, for the SIGKILL test: <c>dotnet Firmware.Tests.dll
/// upstream-forwarder QUEUE API-ROOT COLLECTION REPORTS</c> runs an upstream forwarder (real clock,
/// real HTTP) over <c>REPORTS</c> numbered reports of one recurring anomaly, one per minute, prints a
/// line per cycle, and exits 0 once every report was read and every summary delivered. The test
/// kills it with SIGKILL at chosen moments and starts it again on the same queue.
/// </summary>
public static class ForwarderChild
{
    /// <summary>The first subcommand argument.</summary>
    public const string Command = "upstream-forwarder";

    /// <summary>When report 1 happened.</summary>
    public static readonly DateTimeOffset FirstReport = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Runs the child; anything else than the forwarder command is a usage error (2).</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args is not [Command, var queue, var apiRoot, var collection, var count])
        {
            await Console.Error.WriteLineAsync($"usage: {Command} QUEUE API-ROOT COLLECTION REPORTS");
            return 2;
        }

        var total = int.Parse(count, CultureInfo.InvariantCulture);
        var log = new ReportLog();
        for (var i = 0; i < total; i++)
        {
            log.Append(Reports.With(FirstReport.AddMinutes(i).AddSeconds(7), Reports.RogueProcess()));
        }

        using var http = new HttpClient();
        var taxii = new TaxiiClient(http, new TaxiiClientOptions
        {
            ApiRoot = new Uri(apiRoot),
            Username = UpstreamHub.ObuUser,
            Password = UpstreamHub.ObuPassword,
            Retry = RetryPolicy.None,
            AttemptTimeout = TimeSpan.FromSeconds(20),
        }, TimeProvider.System);
        var done = new TaskCompletionSource();
        await using var forwarder = new UpstreamForwarder(Options(queue, collection), log, null, taxii, null, TimeProvider.System, SystemRandomSource.Instance);
        forwarder.CycleCompleted += cycle =>
        {
            var q = forwarder.Status.Queue;
            Console.WriteLine($"cycle read={cycle.ReportsRead} delivered={cycle.Delivery.Delivered} pending={q.Pending} cursor={q.ReportCursor} errors={cycle.Errors.Count}");
            if (q.ReportCursor == (ulong)total && q.Pending == 0)
            {
                done.TrySetResult();
            }
        };
        forwarder.Start();
        await done.Task;
        await forwarder.StopAsync();
        Console.WriteLine("done");
        return 0;
    }

    /// <summary>The forwarder's settings in the child: small steps, so that reading and delivering interleave.</summary>
    public static UpstreamOptions Options(string queue, string collection) => new()
    {
        QueuePath = queue,
        CollectionId = collection,
        Make = "Acme",
        Model = "Roadster",
        TimeBucket = TimeSpan.FromMinutes(1),
        LocationCellDegrees = null,
        ReportsPerRead = 4,
        MaxReportsPerCycle = 4,
        MaxSummariesPerEnvelope = 3,
        CycleInterval = TimeSpan.FromMilliseconds(20),
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
    };
}
