using System.Diagnostics;
using System.Text.Json.Nodes;
using Community.Hosting;
using Cti.Sharing;

namespace Benchmarks.Community.Scale;

/// <summary>
/// Ingest in process (<see cref="global::Community.Ingest.IngestService"/>: validation, desensitisation, storage, merging):
/// envelopes of 500 fresh anomaly summaries from one member, each with its file observable (a few hundred distinct
/// images, so observables repeat across summaries and envelopes), 40 anomaly kinds so that summaries merge.
/// </summary>
internal static class ScaleIngest
{
    public const int SummariesPerEnvelope = 500;

    public static async Task<string> RunAsync(HubServices services, int envelopes)
    {
        var poster = (await services.Core.Store.GetOrganisationAsync("scale-oem", CancellationToken.None))!;
        // Member posts here: the collection requires signatures of summaries, so the ingest run uses a policy-free twin.
        var collection = (await services.Core.Store.GetCollectionAsync(ScaleRows.Collection, CancellationToken.None))! with { };
        collection = collection with { Policy = collection.Policy with { SummarySignatures = global::Community.Membership.SignaturePolicy.None } };
        var first = Random.Shared.NextInt64(1L << 40, 1L << 44);
        var prepared = Enumerable.Range(0, envelopes).Select(e => Envelope(first + ((long)e * SummariesPerEnvelope))).ToList();
        var objects = 0;
        var failures = 0;
        var load = HubScale.Load();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        foreach (var envelope in prepared)
        {
            var status = await services.Ingest.ProcessAsync(poster, collection, envelope, CancellationToken.None);
            objects += status.TotalCount;
            failures += status.FailureCount;
        }

        watch.Stop();
        // The hub's own CPU per object (this process; the database server's is not in it): what a quiet machine's rate is bounded by.
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        return $"{objects / watch.Elapsed.TotalSeconds:N0} objects/s, {envelopes * SummariesPerEnvelope / watch.Elapsed.TotalSeconds:N0} summaries/s " +
               $"({objects:N0} objects in {watch.Elapsed.TotalSeconds:N1} s, {failures} refused; hub CPU {cpuMs / objects:N3} ms/object; load {load} → {HubScale.Load()})";
    }

    private static List<JsonObject> Envelope(long first)
    {
        var objects = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        for (var n = first; n < first + SummariesPerEnvelope; n++)
        {
            foreach (var o in Summary(n).ToStixObjects())
            {
                objects.TryAdd((string)o["id"]!, o);
            }
        }

        return [.. objects.Values];
    }

    public static AnomalySummary Summary(long n) => new()
    {
        SummaryId = Guid.Parse($"{n % 0xFFFFFFFF:x8}-7777-4777-8777-{n:x12}"),
        VehiclePseudonym = $"pz-{n % 100_000:x8}",
        Make = "Acme",
        Model = "Roadster",
        FirmwareVersion = "2.4.1",
        Ecu = "tbox",
        Detector = "detector-" + (n % 40),
        AnomalyClass = "hash-mismatch",
        Severity = AnomalySeverity.HighAnomaly,
        ThreatType = X1371ThreatTypes.All[(int)(n % 7)],
        Created = ScaleRows.T0,
        FirstObserved = ScaleRows.T0,
        LastObserved = ScaleRows.T0,
        Observables = [Observables.File($"image-{n % 40}.bin", (n % 40 + 7).ToString("x64", System.Globalization.CultureInfo.InvariantCulture))],
    };
}
