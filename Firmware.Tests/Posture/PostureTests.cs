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
            new PostureComponent("bootloader", "1.0.0", "1.0.0", 0, 0, false),
            new PostureComponent("os", "1.0.0", "1.0.0", 31, 1, false),
            new PostureComponent("idf", "1.0.0", "1.0.0", 0, 0, false),
            new PostureComponent("app", "1.0.0", "1.1.0", 75, 2, true),
        ]);
        bench.Time.Advance(TimeSpan.FromMinutes(1));
        var status = await client.InstallPostureResponseAsync(response.Sign(TestBench.OemKey, bench.Time.GetUtcNow()));
        Assert.True(status.Known);
        Assert.Equal(7.5, status.AggregateCvss);
        Assert.Equal(3, status.KnownVulnerabilities);
        Assert.False(status.UpToDate);
        Assert.True(status.PatchesAvailable);
        Assert.Equal(bench.Time.GetUtcNow(), status.LastPoll);
        Assert.Empty(status.UnassessedComponents);
        Assert.Equal(status.AggregateCvss, (await client.GetPostureAsync()).AggregateCvss);

        // The compact grade on the air: worst score 7.5 is "high", the app is behind, polled a day later.
        var posture = bench.Partition!.Posture;
        bench.Time.Advance(TimeSpan.FromHours(2));
        var grade = posture.Grade(Time64.Now(bench.Time));
        Assert.Equal(new PostureGrade(PostureSeverity.High, appUpToDate: false, idfUpToDate: false, PollAge.WithinDay), grade);

        // The same response again is a replay: refused, and the posture held does not change.
        var replay = await Assert.ThrowsAsync<PartitionException>(() => client.InstallPostureResponseAsync(response.Sign(TestBench.OemKey, bench.Time.GetUtcNow())));
        Assert.Equal(PartitionError.PostureRejected, replay.Error);
        Assert.Equal(status.LastPoll, (await client.GetPostureAsync()).LastPoll);

        // The accepted response persists across a restart.
        bench.Restart();
        Assert.Equal(7.5, bench.StartPartition().Posture.Status().AggregateCvss);
    }

    public static TheoryData<string> Refusals => new() { "signed by another key", "wrong nonce", "no request outstanding", "signed in the future", "older than the one held" };

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
            _ => new PostureResponse(PostureService.NonceOf(first), []).Sign(TestBench.OemKey, now.AddSeconds(1)),
        };
        Assert.Equal(PartitionError.PostureRejected, Assert.Throws<PartitionException>(() => posture.Install(signed)).Error);
        Assert.Equal(before.LastPoll, posture.Status().LastPoll);
    }
}
