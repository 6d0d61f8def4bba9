using System.Text.Json;
using Bench.Reporting;

namespace Bench.Tests.Demo;

/// <summary>
/// The report at the end of every run (issue 15 item 5): OUT/report.html, self-contained with five ScottPlot plots, and
/// OUT/report.json, the figures behind them, which agree with the summary: among them the CPU time of each OBU (measured
/// per thread; together no more than the process used) and the attack frames' fate (sent, arrived, rejected).
/// </summary>
public sealed partial class ShortDemoTests
{
    [Fact]
    public void Every_run_ends_with_a_self_contained_report_and_the_figures_behind_it()
    {
        var page = File.ReadAllText(Path.Combine(_run.Folder, "report.html"));
        Assert.Equal(5, page.Split("src=\"data:image/png;base64,").Length - 1);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Every expectation held: 10 of 10", page, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.Folder, "report.json")));
        var root = json.RootElement;
        Assert.True(root.GetProperty("passed").GetBoolean());

        // The detection delays are the summary's.
        var delays = root.GetProperty("detection").EnumerateArray().ToDictionary(d => d.GetProperty("receiver").GetString()!, d => d.GetProperty("delayMs").GetDouble());
        Assert.Equal(Summary.Detection.ToDictionary(d => d.Receiver, d => d.DelayMs!.Value), delays);

        // Decisions over time: the tampered OBU acted on before the tamper, prepare-only after it (one detection period later at most).
        var tampered = Summary.Run.TamperedObu;
        var tamperSecond = (Summary.Run.TamperedAt - Summary.Run.StartedAt).TotalSeconds;
        var marks = root.GetProperty("decisionsOverTime").EnumerateArray()
            .Where(m => m.GetProperty("sender").GetString() == tampered)
            .Select(m => (Second: m.GetProperty("second").GetInt32(), Outcome: m.GetProperty("outcome").GetString())).ToList();
        Assert.All(marks.Where(m => m.Second < Math.Floor(tamperSecond)), m => Assert.Equal("Act", m.Outcome));
        Assert.Contains(marks, m => m.Outcome == "PrepareOnly" && m.Second <= tamperSecond + Summary.Run.DetectionPeriodSeconds);

        // Rates: every second of the run, accepted and rejected adding up; the replays' fate as the summary counts it.
        var rates = root.GetProperty("rates").EnumerateArray().ToList();
        Assert.Equal((int)Math.Ceiling((Summary.Run.EndedAt - Summary.Run.StartedAt).TotalSeconds), rates.Count);
        Assert.All(rates, r => Assert.Equal(r.GetProperty("decided").GetInt32(), r.GetProperty("accepted").GetInt32() + r.GetProperty("rejected").GetInt32()));
        Assert.True(rates.Sum(r => r.GetProperty("decided").GetInt32()) > 100);
        var replays = root.GetProperty("replays").EnumerateArray().ToList();
        Assert.Equal(Summary.Replays.AtReceivers.Count, replays.Count);
        Assert.All(replays, r => Assert.Equal(0, r.GetProperty("accepted").GetInt32()));
        Assert.Equal(Summary.Sent.Select(s => s.Station), root.GetProperty("sent").EnumerateArray().Select(s => s.GetProperty("station").GetString()));
        Assert.Contains(nameof(SenderKind.ExactReplay), File.ReadAllText(Path.Combine(_run.Folder, "report.json")), StringComparison.Ordinal);

        // CPU per OBU: one row per OBU, each busy (signing, verifying, scanning), all together within what the process used.
        var cpu = root.GetProperty("cpu").EnumerateArray().ToDictionary(c => c.GetProperty("obu").GetString()!, c => c.GetProperty("cpuSeconds").GetDouble());
        Assert.Equal(Summary.Sent.Where(s => s.Station.StartsWith("obu-", StringComparison.Ordinal)).Select(s => s.Station).Order(StringComparer.Ordinal), cpu.Keys.Order(StringComparer.Ordinal));
        Assert.All(cpu, c => Assert.True(c.Value > 0.01, $"{c.Key}: {c.Value} s"));
        Assert.True(cpu.Values.Sum() < System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, "more CPU charged to the OBUs than the process used");
        Assert.Contains("CLOCK_THREAD_CPUTIME_ID", page, StringComparison.Ordinal);

        // Attack frames: the replays at each receiver, with what the attacker sent of each kind, nothing accepted; and the
        // ghost's false CAMs, accepted only before each receiver learnt of its revocation.
        var attacks = root.GetProperty("attacks").EnumerateArray().ToList();
        var replayRows = attacks.Where(a => a.GetProperty("kind").GetString() != nameof(SenderKind.Ghost)).ToList();
        Assert.Equal(Summary.Replays.AtReceivers.Where(r => r.Received > 0).Select(r => (r.Receiver, r.Kind.ToString(), r.Received, r.Rejected)).Order(),
            replayRows.Select(a => (a.GetProperty("receiver").GetString()!, a.GetProperty("kind").GetString()!, a.GetProperty("arrived").GetInt32(), a.GetProperty("rejected").GetInt32())).Order());
        Assert.All(replayRows, a => Assert.Equal(a.GetProperty("kind").GetString() == nameof(SenderKind.ExactReplay) ? Summary.Replays.ExactSent : Summary.Replays.AlteredSent,
            a.GetProperty("sent").GetInt64()));
        var ghostRows = attacks.Where(a => a.GetProperty("kind").GetString() == nameof(SenderKind.Ghost)).ToList();
        Assert.Equal(Summary.Ghost!.AtReceivers.Select(r => (r.Receiver, r.Accepted)).Order(),
            ghostRows.Select(a => (a.GetProperty("receiver").GetString()!, a.GetProperty("accepted").GetInt32())).Order());
        Assert.All(ghostRows, a => Assert.Equal(Summary.Ghost.Sent, a.GetProperty("sent").GetInt64()));
        Assert.All(attacks, a => Assert.True(a.GetProperty("arrived").GetInt32() <= a.GetProperty("sent").GetInt64()));
    }
}
