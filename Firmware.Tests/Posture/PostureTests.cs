using Firmware.SecurePartition;
using Firmware.SecurePartition.Posture;
using Firmware.SecurePartition.Protocol;
using Firmware.Tests.Support;
using V2x.Integrity;
using V2x.Security.Crypto;
using V2x.Time;

namespace Firmware.Tests.Posture;

/// <summary>The posture exchange of patent fig. 9, verified inside the partition, over the protocol.</summary>
public sealed class PostureTests
{
    [Fact]
    public async Task A_signed_response_to_the_outstanding_request_gives_the_posture_of_the_installed_versions()
    {
        using var bench = TestBench.Create();
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition()));
        await using var client = new SecurePartitionClient(channel.Connect());
        Assert.False((await client.GetPostureAsync()).Known);
        Assert.Equal(PostureGrade.NotAssessed, bench.Partition!.Posture.Grade(Time64.Now(bench.Time)));

        var request = await client.CreatePostureRequestAsync();
        var installed = PostureService.InstalledOf(request);
        Assert.Contains(("app", "1.0.0"), installed);
        var response = new PostureResponse(PostureService.NonceOf(request),
        [
            new PostureComponent("bootloader", "1.0.0", "1.0.0", ComponentRole.Other, []),
            new PostureComponent("os", "1.0.0", "1.0.0", ComponentRole.Other, [new PostureWeakness("CVE-2014-3566", 31, 31, "")]),
            new PostureComponent("idf", "1.0.0", "1.0.0", ComponentRole.Idf, []),
            new PostureComponent("app", "1.0.0", "1.1.0", ComponentRole.Application,
                [new PostureWeakness("CVE-2014-0160", 75, 70, "1.1.0"), new PostureWeakness("OEM-2026-7", 53, 53, ""), new PostureWeakness("OEM-2025-1", 98, 98, "0.9.0")]),
        ]);
        bench.Time.Advance(TimeSpan.FromMinutes(1));
        var status = await client.InstallPostureResponseAsync(response.Sign(TestBench.OemKey, bench.Time.GetUtcNow()));
        Assert.True(status.Known);

        // The aggregate (Docs/posture.md): the highest base score of the unpatched weaknesses (OEM-2025-1 is fixed in 0.9.0,
        // below the installed 1.0.0, so it does not count) and how many score 7.0 or more.
        Assert.Equal((7.5, 1, 3), (status.AggregateCvss, status.HighOrCritical, status.KnownVulnerabilities));
        Assert.Equal((false, false, true, true), (status.UpToDate, status.AppUpToDate, status.IdfUpToDate, status.PatchesAvailable));
        Assert.Equal(bench.Time.GetUtcNow(), status.LastPoll);
        Assert.Empty(status.UnassessedComponents);
        Assert.Equal(["CVE-2014-3566", "CVE-2014-0160", "OEM-2026-7"], status.Weaknesses.Select(w => w.Weakness.Id));
        Assert.Equal(status.AggregateCvss, (await client.GetPostureAsync()).AggregateCvss);

        // The detailed report carries the posture (black box and upstream).
        var detailed = bench.Partition!.GetDetailedReport();
        Assert.Equal((7.5, 1), (detailed.Posture!.AggregateCvss, detailed.Posture.HighOrCritical));
        Assert.Equal(detailed.Posture.Weaknesses.Count, Firmware.SecurePartition.Reports.ReportCodec.Decode(Firmware.SecurePartition.Reports.ReportCodec.Encode(detailed)).Posture!.Weaknesses.Count);

        // The compact grade on the air: worst unpatched score 7.5 is "high", the application is behind, the IDF current, polled within a day.
        var posture = bench.Partition!.Posture;
        bench.Time.Advance(TimeSpan.FromHours(2));
        var grade = posture.Grade(Time64.Now(bench.Time));
        Assert.Equal(new PostureGrade(PostureSeverity.High, appUpToDate: false, idfUpToDate: true, PollAge.WithinDay), grade);

        // The same response again is a replay: refused, and the posture held does not change.
        var replay = await Assert.ThrowsAsync<PartitionException>(() => client.InstallPostureResponseAsync(response.Sign(TestBench.OemKey, bench.Time.GetUtcNow())));
        Assert.Equal(PartitionError.PostureRejected, replay.Error);
        Assert.Equal(status.LastPoll, (await client.GetPostureAsync()).LastPoll);

        // The accepted response persists across a restart.
        bench.Restart();
        var restarted = bench.StartPartition().Posture;
        Assert.Equal(7.5, restarted.Status().AggregateCvss);
        Assert.Equal(grade.Severity, restarted.Grade(Time64.Now(bench.Time)).Severity);
    }

    public static TheoryData<string> Refusals => new()
    {
        "signed by another key", "wrong nonce", "no request outstanding", "signed in the future", "older than the one held", "format 1 (no longer read)",
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Refused_responses_change_nothing(string name)
    {
        using var bench = TestBench.Create();
        var posture = bench.StartPartition().Posture;
        var first = posture.CreateRequest();
        posture.Install(new PostureResponse(PostureService.NonceOf(first), []).Sign(TestBench.OemKey, bench.Time.GetUtcNow()));
        var before = posture.Status();
        var nonce = PostureService.NonceOf(posture.CreateRequest());
        using var other = EcdsaP256SignatureKey.Generate();
        var now = bench.Time.GetUtcNow();
        var signed = name switch
        {
            "signed by another key" => new PostureResponse(nonce, []).Sign(other, now.AddSeconds(1)),
            "wrong nonce" => new PostureResponse(new byte[16], []).Sign(TestBench.OemKey, now.AddSeconds(1)),
            "signed in the future" => new PostureResponse(nonce, []).Sign(TestBench.OemKey, now.AddHours(1)),
            "older than the one held" => new PostureResponse(nonce, []).Sign(TestBench.OemKey, now.AddSeconds(-1)),
            "format 1 (no longer read)" => Firmware.SecurePartition.Boot.OemDocument.Sign(Firmware.SecurePartition.Boot.OemDocumentKind.PostureResponse,
                [1, .. nonce, 0, 0], TestBench.OemKey, now.AddSeconds(1)),
            _ => new PostureResponse(PostureService.NonceOf(first), []).Sign(TestBench.OemKey, now.AddSeconds(1)),
        };
        Assert.Equal(PartitionError.PostureRejected, Assert.Throws<PartitionException>(() => posture.Install(signed)).Error);
        Assert.Equal(before.LastPoll, posture.Status().LastPoll);
    }

    public static TheoryData<string, PostureComponent[], PostureSeverity, bool, bool> GradeRows => new()
    {
        { "nothing known: none, both current", [App("1.0.0", []), Idf("1.0.0")], PostureSeverity.None, true, true },
        { "a critical weakness without a patch", [App("1.0.0", [new PostureWeakness("CVE-2021-44228", 100, 100, "")]), Idf("1.0.0")], PostureSeverity.Critical, true, true },
        { "a critical weakness fixed in a later version", [App("1.1.0", [new PostureWeakness("CVE-2021-44228", 100, 96, "1.1.0")]), Idf("1.0.0")], PostureSeverity.Critical, false, true },
        { "a critical weakness fixed at the installed version does not count", [App("1.0.0", [new PostureWeakness("CVE-2021-44228", 100, 100, "1.0.0")]), Idf("1.0.0")], PostureSeverity.None, true, true },
        { "a medium weakness in the OS", [App("1.0.0", []), Idf("1.0.0"), new PostureComponent("os", "1.0.0", "1.0.0", ComponentRole.Other, [new PostureWeakness("X", 55, 50, "")])], PostureSeverity.Medium, true, true },
        { "the IDF behind", [App("1.0.0", []), Idf("2.0.0")], PostureSeverity.None, true, false },
        { "no IDF component named: not known to be current", [App("1.0.0", [])], PostureSeverity.None, true, false },
        { "low", [App("1.0.0", [new PostureWeakness("L", 10, 10, "")]), Idf("1.0.0")], PostureSeverity.Low, true, true },
    };

    [Theory]
    [MemberData(nameof(GradeRows))]
    public void Grade_rates_the_worst_unpatched_weakness_and_the_application_and_idf_flags(string name, PostureComponent[] components, PostureSeverity severity,
        bool app, bool idf)
    {
        using var bench = TestBench.Create();
        var posture = bench.StartPartition().Posture;
        var nonce = PostureService.NonceOf(posture.CreateRequest());
        posture.Install(new PostureResponse(nonce, components).Sign(TestBench.OemKey, bench.Time.GetUtcNow()));
        var grade = posture.Grade(Time64.Now(bench.Time));
        Assert.True((severity, app, idf, PollAge.WithinHour) == (grade.Severity, grade.AppUpToDate, grade.IdfUpToDate, grade.LastPoll), $"{name}: {grade}");

        // The poll ages on the air as time passes, whatever the server said.
        bench.Time.Advance(TimeSpan.FromDays(8));
        Assert.Equal(PollAge.WithinMonth, posture.Grade(Time64.Now(bench.Time)).LastPoll);
    }

    private static PostureComponent App(string latest, PostureWeakness[] weaknesses) => new("app", "1.0.0", latest, ComponentRole.Application, weaknesses);

    private static PostureComponent Idf(string latest) => new("idf", "1.0.0", latest, ComponentRole.Idf, []);
}
