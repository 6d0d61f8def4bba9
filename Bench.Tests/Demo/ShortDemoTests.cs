using System.Text.Json;
using Bench.Demo;
using Bench.Reporting;
using Firmware.Application.Decisions;
using Testing;
using Testing.Tshark;

namespace Bench.Tests.Demo;

/// <summary>
/// The demo, shortened (10 s of real time, 2 s integrity scans, keys in memory, the hub), run once for the class:
/// issue 5's "Done when" rows about it are asserted on what it recorded.
/// </summary>
public sealed partial class ShortDemoTests : IClassFixture<ShortDemoTests.Run>
{
    private readonly Run _run;

    public ShortDemoTests(Run run)
    {
        _run = run;
    }

    private DemoSummary Summary => _run.Summary;

    [Fact]
    public void Every_expectation_of_the_demo_holds()
    {
        Assert.All(Summary.Expectations, e => Assert.True(e.Passed, $"{e.Name}: {e.Detail}"));
        Assert.Equal(10, Summary.Expectations.Count);
    }

    [Fact]
    public void The_ghost_is_reported_revoked_and_then_rejected_as_revoked_by_every_OBU()
    {
        // Issue 14, Build 8: false CAMs at 120 m/s with a valid ticket; every OBU's LMBD reports it to the misbehaviour
        // authority, which revokes the station; after the next CRL refresh every OBU rejects it as Revoked and accepts no more.
        var ghost = Assert.IsType<GhostSummary>(Summary.Ghost);
        Assert.True(ghost.Sent > 10, $"{ghost.Sent} CAMs sent");
        Assert.InRange(ghost.Reports, 3, int.MaxValue);
        Assert.NotNull(ghost.RevokedAfterMs);
        Assert.InRange(ghost.RevokedAfterMs.Value, 0, (Summary.Run.EndedAt - Summary.Run.StartedAt).TotalMilliseconds);
        Assert.Equal(Summary.Run.Obus, ghost.AtReceivers.Count);
        Assert.Equal(Summary.Run.Obus, ghost.Reporters.Count);
        Assert.All(ghost.AtReceivers, r =>
        {
            Assert.True(r.Accepted > 0, $"{r.Receiver} never accepted the ghost before its revocation, so nothing was found");
            Assert.Contains(r.Receiver, ghost.Reporters);
            Assert.True(r.Findings.ContainsKey("SpeedValueTooLarge"), $"{r.Receiver} found {string.Join(", ", r.Findings.Keys)}");
            Assert.NotNull(r.FirstFoundAfterMs);
            Assert.True(r.FirstFoundAfterMs <= ghost.RevokedAfterMs, $"{r.Receiver}: first finding at {r.FirstFoundAfterMs} ms, revoked at {ghost.RevokedAfterMs} ms");
            Assert.NotNull(r.FirstRevokedAfterMs);
            Assert.True(r.FirstRevokedAfterMs >= ghost.RevokedAfterMs, $"{r.Receiver}: Revoked at {r.FirstRevokedAfterMs} ms, revoked at the authority at {ghost.RevokedAfterMs} ms");
            Assert.Equal(0, r.AcceptedAfterRevoked);
        });
    }

    [Fact]
    public void The_posture_turning_critical_is_polled_carried_on_the_air_and_acted_on_with_caution_by_every_receiver()
    {
        // Issue 14, Build 8 (Docs/posture.md): half-way the posture server imports the CVE JSON 5 sample; its CVE-2023-38545
        // (9.8) applies to the one OBU still on curl 8.3.0; its next poll answers critical, its reports carry the grade, and
        // every other OBU's posture rule lowers its messages to act with caution (row P1) and never acts on them fully again.
        var posture = Assert.IsType<PostureSummary>(Summary.Posture);
        Assert.NotEqual(Summary.Run.TamperedObu, posture.Obu);
        Assert.Contains(posture.Advisory, a => a.StartsWith("CVE-2023-38545 curl 9.8", StringComparison.Ordinal));
        Assert.NotNull(posture.CriticalPollAfterMs);
        Assert.InRange(posture.CriticalPollAfterMs.Value, 0, posture.DetectionPeriodMs);
        Assert.Equal(Summary.Run.Obus - 1, posture.AtReceivers.Count);
        Assert.All(posture.AtReceivers, r =>
        {
            Assert.True(r.ActBefore > 0, $"{r.Receiver} never acted on {posture.Obu} before the advisory");
            Assert.NotNull(r.FirstCriticalAfterMs);
            Assert.InRange(r.FirstCriticalAfterMs.Value, 0, posture.DetectionPeriodMs);
            Assert.Equal((TrustDecision.ActWithCaution, PostureRow.CriticalWeakness), (r.Decision, r.Row));
            Assert.Equal(0, r.ActAfter);
        });
        Assert.Empty(posture.Others);
    }

    [Fact]
    public void No_genuine_station_is_found_reported_or_revoked()
    {
        // The genuine OBUs and the legacy station drive the block as real cars do (SimulatedRoute ramps speed and heading,
        // spread evenly round the loop): no local finding about them, no observation report, no revocation request.
        var ghost = Assert.IsType<GhostSummary>(Summary.Ghost);
        Assert.True(ghost.GenuineFindings.Count == 0, string.Join("; ", ghost.GenuineFindings.Select(f => $"{f.Receiver} about {f.Subject}: {f.Observation} {f.Detail}")));
        Assert.Empty(ghost.GenuineReported);
        Assert.Empty(ghost.GenuineRevoked);
    }

    [Fact]
    public void The_hub_holds_the_tampered_OBUs_anomaly_summary_merged_into_an_indicator_and_a_sighting()
    {
        var hub = Assert.IsType<HubSummary>(Summary.Hub);
        Assert.Equal(Summary.Run.TamperedObu, hub.TamperedObu);
        Assert.True(hub.TamperedHeld > 0, $"the hub holds {HubSummaryBuilder.Counts(hub.ObjectsByType)}");
        Assert.Equal(hub.TamperedPosted, hub.TamperedHeld);

        // The untampered OBUs found nothing to report.
        Assert.Equal(0, hub.OthersPosted);

        // X.1382 Appendix II e: the hub merged the summary into one indicator and one sighting that counts it.
        var anomaly = Assert.Single(hub.TamperedAnomalies);
        Assert.True(anomaly.Indicator);
        Assert.Equal(anomaly.Summaries, anomaly.SightingCount);
        Assert.Equal(1, anomaly.Vehicles);
        Assert.Equal("process-unexpected", anomaly.AnomalyClass);
        Assert.Equal(anomaly.Summaries, hub.SummariesByThreatType.Values.Sum());

        // The summary left after the tamper and before the run ended.
        Assert.NotNull(hub.FirstSummaryAfterMs);
        Assert.InRange(hub.FirstSummaryAfterMs.Value, 0, (Summary.Run.EndedAt - Summary.Run.TamperedAt).TotalMilliseconds);
        Assert.True(File.Exists(hub.Database));
    }

    [Fact]
    public void The_tampered_OBU_moves_from_act_to_mitigation_at_every_receiver_within_one_detection_period()
    {
        var tampered = Summary.Run.TamperedObu;
        var receivers = Summary.Run.Obus - 1;
        var before = Summary.Decisions.Where(c => c.Sender == tampered && c.Phase == DemoPhase.Clean).ToList();
        Assert.Equal(receivers, before.Count);
        Assert.All(before, c => Assert.True(c.Act > 0 && c.Act == c.Frames - c.Rejected, $"{c.Receiver}: {c.Act} Act of {c.Frames}"));

        Assert.Equal(receivers, Summary.Detection.Count);
        Assert.All(Summary.Detection, d =>
        {
            Assert.NotNull(d.DelayMs);
            Assert.InRange(d.DelayMs.Value, 0, Summary.Run.DetectionPeriodSeconds * 1000);
            Assert.NotEqual(nameof(TrustDecision.Act), d.Decision);
            Assert.Equal(0, d.ActAfterMitigation);
        });
    }

    [Fact]
    public void The_OBUs_enrol_get_a_ticket_and_refresh_CRLs_over_HTTP()
    {
        Assert.All(Summary.Sent.Where(s => s.Station.StartsWith("obu-", StringComparison.Ordinal)), s =>
        {
            Assert.Equal(1, s.PkiRequests.GetValueOrDefault("ea/enrolment"));
            Assert.Equal(1, s.PkiRequests.GetValueOrDefault("aa/authorization"));

            // The first fetch at start and at least two refreshes (every third of the run), each fetching the CRLs of
            // the three CAs the node trusts (root, EA, AA): a node that never refreshed would stop at 3.
            Assert.True(s.PkiRequests.GetValueOrDefault("crl") >= 9, $"{s.Station}: {string.Join(", ", s.PkiRequests)}");
            Assert.True(s.Transmitted > 0);
        });
    }

    [Fact]
    public void Every_replayed_frame_is_rejected()
    {
        Assert.True(Summary.Replays.ExactSent > 0, "no exact replay sent");
        Assert.True(Summary.Replays.AlteredSent > 0, "no altered-counter replay sent");
        Assert.All(Summary.Replays.AtReceivers, r =>
        {
            Assert.True(r.Received > 0, $"{r.Receiver} got no {r.Kind}");
            Assert.Equal(0, r.Accepted);
            Assert.Equal(r.Received, r.Rejected);
        });
    }

    [Fact]
    public void The_legacy_sender_takes_the_legacy_path()
    {
        Assert.Equal(Summary.Run.Obus, Summary.Legacy.Count);
        Assert.All(Summary.Legacy, l =>
        {
            Assert.True(l.Accepted > 0, $"{l.Receiver} accepted nothing from the legacy station");
            Assert.Equal([nameof(DecisionRow.Conventional)], l.Rows.Keys);
            Assert.Equal([nameof(TrustDecision.ActWithCaution)], l.Decisions.Keys);
        });

        // Its EEBL DENM, one per phase, gets the conventional brake response at every receiver (patent ¶180: soft).
        var legacy = Summary.Sent.Single(s => s.Station.StartsWith("legacy", StringComparison.Ordinal)).Station;
        var brakes = Summary.Brakes.Where(b => b.Sender == legacy).ToList();
        Assert.Equal(Summary.Run.Obus * 2, brakes.Count);
        Assert.All(brakes, b => Assert.Equal(Firmware.Application.Eebl.BrakeResponse.Soft, b.Response));
    }

    [Fact]
    public void The_pcaps_decode_in_tshark_without_malformed_frames()
    {
        Assert.Equal(Summary.Run.Obus + 3, Summary.Pcaps.Count);
        foreach (var pcap in Summary.Pcaps)
        {
            var capture = TsharkRunner.Dissect(pcap.Path);
            Assert.NotEmpty(capture.Frames);
            Assert.Empty(capture.Problems);
            Assert.All(capture.Frames, f => Assert.Equal(["eth", "ethertype", "gnw", "ieee1609dot2", "btpb", "its"], f.Protocols));
        }
    }

    [Fact]
    public void The_demo_runs_over_https_and_the_OBUs_post_signed_summaries_without_a_fleet_secret()
    {
        // TLS end to end: the PKI service and the hub answered over HTTPS under the bench TLS CA (written beside the summary).
        Assert.StartsWith("https://127.0.0.1:", Summary.Run.PkiAddress, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_run.Folder, "tls-ca.pem")));
        Assert.Contains("https://127.0.0.1:", _run.Output, StringComparison.Ordinal);

        // Every summary the hub holds was verified against a valid authorization ticket; the only credential is the analyst's.
        var hub = Assert.IsType<HubSummary>(Summary.Hub);
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={hub.Database};Mode=ReadOnly;Pooling=False");
        db.Open();
        using (var summaries = db.CreateCommand())
        {
            summaries.CommandText = "SELECT authenticity, producer FROM objects WHERE stix_type = 'observed-data'";
            using var r = summaries.ExecuteReader();
            var rows = 0;
            while (r.Read())
            {
                rows++;
                Assert.Equal(1, r.GetInt64(0));
                Assert.Equal("fleet", r.GetString(1));
            }

            Assert.Equal(hub.TamperedHeld, rows);
        }

        using var credentials = db.CreateCommand();
        credentials.CommandText = "SELECT organisation_id FROM credentials";
        using var c = credentials.ExecuteReader();
        var organisations = new List<string>();
        while (c.Read())
        {
            organisations.Add(c.GetString(0));
        }

        Assert.Equal(["cert"], organisations);
    }

    [Fact]
    public void The_legacy_receiver_model_accepts_every_frame_the_stations_sent_in_the_facilities_carrier()
    {
        // Issue 17: the demo runs in the facilities carrier by default. Every distinct frame of every pcap, earliest first;
        // an altered replay is a frame the attacker sent before anyone else had it (an exact replay's original came earlier).
        Assert.Equal(V2x.Integrity.ReportCarrier.Facilities, new DemoOptions { OutputDirectory = "x" }.Carrier);
        var attacker = Summary.Pcaps.Single(p => p.Node == "attacker");
        var sentByAttacker = Records(attacker.Path).GroupBy(r => Convert.ToHexString(r.Data.Span)).ToDictionary(g => g.Key, g => g.Min(r => r.Timestamp));
        var first = Summary.Pcaps.Where(p => p.Node != "attacker").SelectMany(p => Records(p.Path))
            .GroupBy(r => Convert.ToHexString(r.Data.Span)).Select(g => g.MinBy(r => r.Timestamp)!).OrderBy(r => r.Timestamp).ToList();
        using var pki = Pki.Authorities.BenchPki.Open(Path.Combine(_run.Folder, "pki"), TimeProvider.System);
        var receiver = new Interop.LegacyReceiver([pki.RootCertificate.Encoded], [pki.AaCertificate(null)!.Encoded]);

        var results = first.Select(r =>
        {
            var key = Convert.ToHexString(r.Data.Span);
            var altered = sentByAttacker.TryGetValue(key, out var at) && r.Timestamp >= at - TimeSpan.FromMilliseconds(50);
            return (Altered: altered, Result: receiver.Receive(r.Data));
        }).ToList();

        var stations = results.Where(r => !r.Altered).ToList();
        Assert.True(stations.Count > 100, $"{stations.Count} frames");
        Assert.All(stations, r => Assert.True(r.Result.Verdict == Interop.LegacyVerdict.Accepted, $"{r.Result.Verdict} {r.Result.Detail}"));
        Assert.All(results.Where(r => r.Altered), r => Assert.Equal(Interop.LegacyVerdict.BadSignature, r.Result.Verdict));
        Assert.Equal(Summary.Replays.AlteredSent, results.Count(r => r.Altered));
    }

    private static List<V2x.Pcap.PcapRecord> Records(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new V2x.Pcap.PcapReader(stream);
        var list = new List<V2x.Pcap.PcapRecord>();
        while (reader.TryRead(out var record))
        {
            list.Add(record);
        }

        return list;
    }

    [Fact]
    public void The_summary_the_decision_log_and_the_eebl_responses_are_written()
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.Folder, "summary.json")));
        Assert.Equal(10, json.RootElement.GetProperty("expectations").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("hub").GetProperty("tamperedHeld").GetInt32() > 0);
        Assert.Contains("== bench demo summary ==", File.ReadAllText(Path.Combine(_run.Folder, "summary.txt")), StringComparison.Ordinal);
        var lines = File.ReadLines(Path.Combine(_run.Folder, "decisions.jsonl")).ToList();
        Assert.True(lines.Count >= Summary.Decisions.Sum(c => c.Frames), "the log has fewer decisions than the summary counts");
        Assert.All(lines.Take(50), l => Assert.True(JsonDocument.Parse(l).RootElement.TryGetProperty("reason", out _)));

        // Patent ¶179-182: a clean OBU's EEBL brakes fully; the tampered OBU's gets a milder response.
        var tampered = Summary.Run.TamperedObu;
        Assert.Contains(Summary.Brakes, b => b.Sender == tampered && b.Phase == DemoPhase.Clean && b.Response == Firmware.Application.Eebl.BrakeResponse.Full);
        Assert.Contains(Summary.Brakes, b => b.Sender == tampered && b.Phase == DemoPhase.Tampered && b.Response != Firmware.Application.Eebl.BrakeResponse.Full);
    }

    /// <summary>One shortened demo run shared by the tests of the class.</summary>
    public sealed class Run : IAsyncLifetime
    {
        public string Folder { get; } = Path.Combine(TestInfra.NewTempDirectory("bench-demo"), "out");

        public DemoSummary Summary { get; private set; } = null!;

        public string Output { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            using var output = new StringWriter();
            var demo = new BenchDemo(new DemoOptions
            {
                Duration = TimeSpan.FromSeconds(10),
                ScanPeriod = TimeSpan.FromSeconds(2),
                ObuCount = 4,
                OutputDirectory = Folder,
                Seed = 3,
                Record = true,
            }, output);
            Summary = await demo.RunAsync();
            Output = output.ToString();
        }

        public Task DisposeAsync()
        {
            try
            {
                Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }

            return Task.CompletedTask;
        }
    }
}
