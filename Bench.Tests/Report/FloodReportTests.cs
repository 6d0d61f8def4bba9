using System.Text.Json;
using Bench.Flood;
using Bench.Report;
using Firmware.Application.Receiving;
using Testing;

namespace Bench.Tests.Report;

/// <summary>
/// The flood bench's report (<c>Bench flood --out DIR</c>) from hand-made figures: per kind what was sent, decided,
/// accepted and rejected by reason; kinds the run did not send left out; report.json and a self-contained page.
/// </summary>
public sealed class FloodReportTests
{
    [Fact]
    public void Each_kind_shows_what_was_sent_and_what_the_receiver_did_with_it()
    {
        var figures = Figures();

        var outcomes = FloodReport.Outcomes(figures);

        Assert.Equal(["Genuine", "Replay", "Forged"], outcomes.Select(o => o.Kind));
        var genuine = outcomes[0];
        Assert.Equal((100L, 98L, 95L, 3L), (genuine.Sent, genuine.Decided, genuine.Accepted, genuine.Rejected));
        Assert.Equal(new Dictionary<string, long> { ["None"] = 95, ["QueueFull"] = 3 }, genuine.Reasons);
        var forged = outcomes[2];
        Assert.Equal((500L, 500L, 0L, 500L), (forged.Sent, forged.Decided, forged.Accepted, forged.Rejected));
        Assert.Equal(["QueueFull", "BadSignature"], forged.Reasons.Keys);
    }

    [Fact]
    public void The_report_is_written_as_json_and_a_self_contained_page()
    {
        var folder = Path.Combine(TestInfra.NewTempDirectory("flood-report"), "out");

        var html = FloodReport.Write([Figures()], folder);

        var page = File.ReadAllText(html);
        Assert.Equal(1, page.Split("src=\"data:image/png;base64,").Length - 1);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Secure", page, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
        var run = json.RootElement.GetProperty("runs")[0];
        Assert.Equal("Off", run.GetProperty("mode").GetString());
        Assert.Equal(3, run.GetProperty("outcomes").GetArrayLength());
        Assert.Equal(70, run.GetProperty("outcomes")[1].GetProperty("reasons").GetProperty("Duplicate").GetInt64());
        Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
    }

    private static FloodFigures Figures() => new()
    {
        Mode = VerifyOnDemandMode.Off,
        Workers = 2,
        LoadBefore = "1.0",
        LoadAfter = "1.5",
        FramesSent = 670,
        GenuineMeasured = 100,
        GenuineInTime = 95,
        GenuineAccepted = 95,
        GenuineUnverified = 0,
        LatenciesMs = [1, 2, 3],
        Sent = new Dictionary<FloodKind, int> { [FloodKind.Genuine] = 100, [FloodKind.Replay] = 70, [FloodKind.Forged] = 500 },
        Decisions = new Dictionary<(FloodKind, ReceiveReason), long>
        {
            [(FloodKind.Genuine, ReceiveReason.None)] = 95,
            [(FloodKind.Genuine, ReceiveReason.QueueFull)] = 3,
            [(FloodKind.Replay, ReceiveReason.Duplicate)] = 70,
            [(FloodKind.Forged, ReceiveReason.QueueFull)] = 426,
            [(FloodKind.Forged, ReceiveReason.BadSignature)] = 74,
        },
        ReplaysAccepted = 0,
        AttacksAcceptedVerified = 0,
        AttacksAcceptedUnverified = 0,
        Statistics = new ReceiveStatistics(),
        PeakWaiting = 0,
        PeakQueued = 10,
        FailureMemory = (0, 0),
        ManagedBeforeBytes = 1,
        ManagedPeakBytes = 2,
        WallSeconds = 1.5,
        CpuSeconds = 0.4,
        DeadlineMs = 100,
    };
}
