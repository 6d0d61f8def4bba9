using System.Globalization;

namespace Bench.Demo;

public sealed partial class BenchDemo
{
    // A scenario's compromised IDF model (issue 15): the vulnerability exploited on its OBUs at once; their partitions' next
    // scans latch, their own anomaly reports go to the misbehaviour authority, whose global detection revokes the model.
    private Task ExploitModel(ModelWatch watch)
    {
        watch.Exploit();
        var names = string.Join(", ", watch.Exploited.Select(b => b.Name));
        _options.Live?.Attack(_options.Clock.GetUtcNow(), "compromised-idf-model", names,
            $"a vulnerability of {watch.Model} exploited on {names}: each reports its own anomaly to the misbehaviour authority, whose global detection revokes the model");
        return Note(string.Create(CultureInfo.InvariantCulture,
            $"compromised IDF model: a vulnerability of {watch.Model} exploited on {names} ({Stations.TamperFaults.Name(Stations.TamperFault.RogueProcess)}); {watch.ModelObus.Count} OBUs run it: {string.Join(", ", watch.ModelObus.Order(StringComparer.Ordinal))}"));
    }
}
