using System.Globalization;
using System.Text.Json;
using Bench.Mobility;
using Bench.Reporting;
using Firmware.Application.Receiving;

namespace Bench.Report;

/// <summary>
/// The report at the end of a SUMO-driven run (issue 15 items 3 and 5), beside its summary: <c>OUT/report.html</c>
/// (self-contained, ScottPlot plots as the demo's <see cref="RunReport"/>) and <c>OUT/report.json</c>: the receivers'
/// load (frames heard, i.e. decided by the receiver's pipeline after the radio range, accepted, and signature
/// verifications, per receiver per second of simulation) and the CPU time of each OBU's work.
/// </summary>
public static class SumoReport
{
    /// <summary>Builds the figures.</summary>
    /// <param name="summary">The run's summary.</param>
    /// <param name="start">Time zero of the run (simulation clock).</param>
    /// <param name="entries">Every decision of the run.</param>
    /// <param name="samples">Each OBU's signature verifications so far, once a second.</param>
    /// <param name="cpu">The OBUs' CPU accounts.</param>
    public static SumoReportData Build(SumoRunSummary summary, DateTimeOffset start, IReadOnlyList<LedgerEntry> entries, IReadOnlyList<LoadSample> samples,
        IReadOnlyList<ObuCpu> cpu)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(cpu);
        int Second(DateTimeOffset at) => (int)Math.Floor((at - start).TotalSeconds);
        var heard = entries.Where(e => e.Sender != e.Receiver).GroupBy(e => (e.Receiver, Second: Second(e.DecidedAt)))
            .ToDictionary(g => g.Key, g => (Heard: g.Count(), Accepted: g.Count(e => e.Outcome == ReceiveOutcome.Accepted)));

        // Verifications in second s: the counter at the sample ending s minus the one before (the first: from zero).
        var verified = new Dictionary<(string, int), long>();
        foreach (var obu in samples.GroupBy(s => s.Obu))
        {
            long previous = 0;
            foreach (var s in obu.OrderBy(s => s.Second))
            {
                verified[(obu.Key, s.Second - 1)] = s.Verifications - previous;
                previous = s.Verifications;
            }
        }

        var load = heard.Keys.Concat(verified.Keys).Distinct().Where(k => k.Item2 >= 0)
            .OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2)
            .Select(k => new ReceiverSecond(k.Item1, k.Item2, heard.GetValueOrDefault(k).Heard, heard.GetValueOrDefault(k).Accepted, verified.GetValueOrDefault(k)))
            .ToList();
        var receivers = load.GroupBy(l => l.Receiver).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReceiverLoad(g.Key, g.Count(), Math.Round(g.Average(l => l.Heard), 2), g.Max(l => l.Heard), Math.Round(g.Average(l => (double)l.Verified), 2),
                g.Max(l => l.Verified)))
            .ToList();

        // Each OBU's share: over its time in the run, in wall-clock seconds (simulated seconds / pacing).
        var end = start + TimeSpan.FromSeconds(summary.SimulatedSeconds);
        var figures = cpu.Select(a =>
        {
            var obu = summary.Obus.FirstOrDefault(o => o.Name == a.Name);
            var simulated = obu is null ? summary.SimulatedSeconds : ((obu.LeftAt ?? end) - obu.JoinedAt).TotalSeconds;
            return ObuCpuFigure.Of(a, simulated / summary.Pacing);
        }).ToList();
        return new SumoReportData(summary, load, receivers, figures, RunReportHtml.ObuCpuNote);
    }

    /// <summary>The receivers' load in one line for the terminal.</summary>
    public static string LoadLine(SumoReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var r = data.Receivers;
        if (r.Count == 0)
        {
            return "receivers' load: no receiver decided a frame";
        }

        var c = CultureInfo.InvariantCulture;
        return string.Create(c, $"receivers' load ({r.Count} receivers, per second on the air): heard mean {r.Average(x => x.HeardPerSecond):0.0}/s, ")
               + string.Create(c, $"busiest {r.Max(x => x.PeakHeard)}/s; signatures verified mean {r.Average(x => x.VerifiedPerSecond):0.0}/s, busiest {r.Max(x => x.PeakVerified)}/s")
               + (data.Cpu.Count == 0 ? string.Empty
                   : string.Create(c, $"; CPU per OBU mean {data.Cpu.Average(x => x.CpuSeconds):0.00} s ({data.Cpu.Average(x => x.ShareOfOneCore):P1} of a core), most {data.Cpu.Max(x => x.CpuSeconds):0.00} s"));
    }

    /// <summary>Writes report.html and report.json into <paramref name="folder"/>; returns the HTML file's path.</summary>
    public static string Write(SumoReportData data, string folder)
    {
        ArgumentNullException.ThrowIfNull(data);
        File.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(data, SummaryJson.Indented));
        var html = Path.Combine(folder, "report.html");
        File.WriteAllText(html, SumoReportHtml.Write(data));
        return html;
    }
}
