using System.Text.Json;
using System.Threading.Channels;
using Bench.Live;
using Bench.Reporting;
using Firmware.SecurePartition.Detection;
using Microsoft.Extensions.Time.Testing;
using V2x.Integrity;

namespace Bench.Tests.Live;

/// <summary>The live feed: late clients start from a snapshot, a client that does not read is dropped, the bench never waits.</summary>
public class LiveFeedTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_late_client_starts_from_a_snapshot_of_the_run_so_far_then_gets_every_event()
    {
        var feed = new LiveFeed(new FakeTimeProvider(T0));
        feed.Begin(T0.AddSeconds(1), T0.AddSeconds(11), TimeSpan.FromSeconds(3), [("obu-1", SenderKind.Obu), ("obu-2", SenderKind.Obu)]);
        feed.Decision(TrustViewTests.Entry("obu-1", "obu-2", SenderKind.Obu, "Act", T0.AddSeconds(2)), (48.15, 11.58));
        feed.Attack(T0.AddSeconds(6), "tamper", "obu-2", "a rogue process");

        using var client = feed.Subscribe();
        feed.Decision(TrustViewTests.Entry("obu-1", "obu-2", SenderKind.Obu, "PrepareOnly", T0.AddSeconds(7)), (48.15, 11.58));

        var events = Drain(client.Reader);
        Assert.Equal(["snapshot", "decision", "trust", "position"], events.Select(e => e.Type));
        var snapshot = events[0].Data;
        Assert.Equal(1000, snapshot.GetProperty("run").GetProperty("start").GetDouble());
        Assert.Equal(3000, snapshot.GetProperty("run").GetProperty("detectionPeriodMs").GetDouble());
        Assert.Equal("Act", snapshot.GetProperty("trust")[0].GetProperty("outcome").GetString());
        Assert.Equal("tamper", snapshot.GetProperty("attacks")[0].GetProperty("kind").GetString());
        Assert.Equal(1, snapshot.GetProperty("decisions").GetArrayLength());
        Assert.Equal(0, snapshot.GetProperty("vehicles")[0].GetProperty("x").GetDouble());
        var trust = events[2].Data;
        Assert.Equal("PrepareOnly", trust.GetProperty("outcome").GetString());
        Assert.Equal(7000, trust.GetProperty("receivers").GetProperty("obu-1").GetProperty("since").GetDouble());
    }

    [Fact]
    public void A_client_that_does_not_read_is_dropped_and_the_others_get_everything()
    {
        var feed = new LiveFeed(new FakeTimeProvider(T0), clientQueue: 16);
        using var slow = feed.Subscribe();
        using var reader = feed.Subscribe();
        var read = new List<string>();
        for (var i = 0; i < 1000; i++)
        {
            feed.Tick(T0.AddMilliseconds(i));
            while (reader.Reader.TryRead(out var chunk))
            {
                read.Add(chunk);
            }
        }

        Assert.True(slow.WasDropped);
        Assert.True(slow.Dropped.WaitHandle.WaitOne(TimeSpan.FromSeconds(30)), "the dropped client's connection was not told");
        Assert.False(reader.WasDropped);
        Assert.Equal(1, feed.DroppedClients);
        Assert.Equal(1, feed.Clients);
        Assert.Equal(1001, read.Count);

        // What the dropped client had queued is still readable, then its stream ends.
        Assert.Equal(16, Drain(slow.Reader).Count);
        Assert.True(slow.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void The_end_closes_every_stream_and_a_later_client_gets_the_snapshot_only()
    {
        var feed = new LiveFeed(new FakeTimeProvider(T0));
        using var client = feed.Subscribe();
        feed.End(T0.AddSeconds(10), passed: true);
        feed.End(T0.AddSeconds(11), passed: false);

        Assert.Equal(["snapshot", "end"], Drain(client.Reader).Select(e => e.Type));
        Assert.True(client.Reader.Completion.IsCompleted);
        Assert.Equal(0, feed.Clients);

        using var late = feed.Subscribe();
        var events = Drain(late.Reader);
        Assert.Equal("snapshot", Assert.Single(events).Type);
        Assert.True(events[0].Data.GetProperty("end").GetProperty("passed").GetBoolean());
        Assert.True(late.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void Integrity_is_published_when_the_level_or_the_latches_change()
    {
        var feed = new LiveFeed(new FakeTimeProvider(T0));
        using var client = feed.Subscribe();
        var latch = new Latch(DetectorFlags.Process, IntegrityLevel.HighAnomaly, T0.AddSeconds(6), T0.AddSeconds(6), 0, 1, "rogue process");
        feed.Integrity("obu-2", T0.AddSeconds(2), IntegrityLevel.NoAnomaly, DetectorFlags.None, []);
        feed.Integrity("obu-2", T0.AddSeconds(4), IntegrityLevel.NoAnomaly, DetectorFlags.None, []);
        feed.Integrity("obu-2", T0.AddSeconds(6), IntegrityLevel.HighAnomaly, DetectorFlags.Process, [latch]);
        feed.Integrity("obu-2", T0.AddSeconds(8), IntegrityLevel.HighAnomaly, DetectorFlags.Process, [latch]);

        var events = Drain(client.Reader).Where(e => e.Type == "integrity").ToList();
        Assert.Equal(2, events.Count);
        var latched = events[1].Data;
        Assert.Equal("HighAnomaly", latched.GetProperty("level").GetString());
        Assert.Equal("Process", latched.GetProperty("latches")[0].GetProperty("detector").GetString());
        Assert.Equal("rogue process", latched.GetProperty("latches")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public void Replays_are_counted_by_kind_at_the_receivers_and_carried_by_the_clock()
    {
        var feed = new LiveFeed(new FakeTimeProvider(T0));
        using var client = feed.Subscribe();
        feed.Decision(TrustViewTests.Entry("obu-1", "attacker", SenderKind.ExactReplay, "Rejected", T0), null);
        feed.Decision(TrustViewTests.Entry("obu-2", "attacker", SenderKind.ExactReplay, "Rejected", T0), null);
        feed.Decision(TrustViewTests.Entry("obu-2", "attacker", SenderKind.AlteredReplay, "Rejected", T0), null);
        feed.Tick(T0.AddSeconds(1));

        var clock = Drain(client.Reader).Single(e => e.Type == "clock").Data.GetProperty("replays");
        Assert.Equal(2, clock.GetProperty("ExactReplay").GetProperty("rejected").GetInt32());
        Assert.Equal(1, clock.GetProperty("AlteredReplay").GetProperty("received").GetInt32());
        using var late = feed.Subscribe();
        var snapshot = Drain(late.Reader).Single().Data.GetProperty("replays");
        Assert.Equal(2, snapshot.GetProperty("ExactReplay").GetProperty("received").GetInt32());
    }

    [Fact]
    public void The_hub_is_published_when_what_it_holds_changes()
    {
        var feed = new LiveFeed(new FakeTimeProvider(T0));
        using var client = feed.Subscribe();
        var empty = new Dictionary<string, int>();
        var merged = new Dictionary<string, int> { ["observed-data"] = 1, ["indicator"] = 1, ["sighting"] = 1 };
        var anomaly = new MergedAnomaly("sig-1", "attack-targets-motivations", "process-unexpected", 1, true, 1, 1);
        feed.Hub(T0.AddSeconds(1), "https://127.0.0.1:1/hub/", empty, []);
        feed.Hub(T0.AddSeconds(2), "https://127.0.0.1:1/hub/", empty, []);
        feed.Hub(T0.AddSeconds(3), "https://127.0.0.1:1/hub/", merged, [anomaly]);
        feed.Hub(T0.AddSeconds(4), "https://127.0.0.1:1/hub/", merged, [anomaly]);

        var events = Drain(client.Reader).Where(e => e.Type == "hub").ToList();
        Assert.Equal(2, events.Count);
        var held = events[1].Data.GetProperty("anomalies")[0];
        Assert.Equal("process-unexpected", held.GetProperty("anomalyClass").GetString());
        Assert.True(held.GetProperty("indicator").GetBoolean());
        Assert.Equal(1, held.GetProperty("sightingCount").GetInt32());
    }

    [Fact]
    public void Stations_join_and_leave_while_the_run_lasts_and_a_left_station_is_no_longer_placed()
    {
        var feed = new LiveFeed(new FakeTimeProvider(T0));
        feed.Begin(T0, T0.AddSeconds(60), TimeSpan.FromSeconds(3), []);
        using var client = feed.Subscribe();
        feed.Joined(T0.AddSeconds(1), "obu-1", SenderKind.Obu, "veh.0");
        feed.Joined(T0.AddSeconds(2), "obu-2", SenderKind.Obu, "veh.1");
        feed.Joined(T0.AddSeconds(3), "obu-2", SenderKind.Obu, "veh.1");
        feed.Decision(TrustViewTests.Entry("obu-1", "obu-2", SenderKind.Obu, "Act", T0.AddSeconds(4)), (48.15, 11.58));
        feed.Left(T0.AddSeconds(5), "obu-2");
        feed.Left(T0.AddSeconds(6), "obu-2");
        // A frame the left OBU sent before it stopped, decided late: the decision is shown, its position is not.
        feed.Decision(TrustViewTests.Entry("obu-1", "obu-2", SenderKind.Obu, "Act", T0.AddSeconds(7)), (48.16, 11.58));

        var events = Drain(client.Reader).Skip(1).ToList();
        Assert.Equal(["station", "station", "decision", "trust", "position", "station", "decision"], events.Select(e => e.Type));
        Assert.Equal("veh.1", events[1].Data.GetProperty("vehicle").GetString());
        Assert.False(events[1].Data.TryGetProperty("left", out _));
        Assert.Equal(5000, events[5].Data.GetProperty("left").GetDouble());
        Assert.Equal(2000, events[5].Data.GetProperty("t").GetDouble());

        // A later client: both stations, obu-2 left; no position for obu-2.
        using var late = feed.Subscribe();
        var snapshot = Drain(late.Reader).Single().Data;
        var stations = snapshot.GetProperty("stations").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s);
        Assert.Equal(["obu-1", "obu-2"], stations.Keys.Order(StringComparer.Ordinal));
        Assert.False(stations["obu-1"].TryGetProperty("left", out _));
        Assert.Equal(5000, stations["obu-2"].GetProperty("left").GetDouble());
        Assert.Equal(0, snapshot.GetProperty("vehicles").GetArrayLength());
    }

    internal static List<(string Type, JsonElement Data)> Drain(ChannelReader<string> reader)
    {
        var events = new List<(string, JsonElement)>();
        while (reader.TryRead(out var chunk))
        {
            var lines = chunk.Split('\n');
            Assert.StartsWith("event: ", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("data: ", lines[1], StringComparison.Ordinal);
            Assert.EndsWith("\n\n", chunk, StringComparison.Ordinal);
            events.Add((lines[0]["event: ".Length..], JsonDocument.Parse(lines[1]["data: ".Length..]).RootElement.Clone()));
        }

        return events;
    }
}
