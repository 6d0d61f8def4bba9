using Firmware.SecurePartition;
using Firmware.SecurePartition.Protocol;
using Firmware.SecurePartition.Triggers;
using Firmware.Tests.Support;
using Hardware.Memory;
using Hardware.Security;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Signing;

namespace Firmware.Tests.Detection;

/// <summary>Latches: what sets them, what clears them (Docs/secure-partition.md, "Levels and latches"), and the per-message check.</summary>
public sealed class LatchTests
{
    [Fact]
    public async Task Per_message_check_reports_new_events_at_once_but_never_rehashes_images()
    {
        using var bench = TestBench.Create();
        var partition = bench.StartPartition();
        using var channel = new InMemoryChannel(new ProtocolServer(partition));
        await using var client = new SecurePartitionClient(channel.Connect());
        await TestPki.ProvisionAsync(client);
        var request = new SignRequest(Psid.Cam, TestPki.CamPayload(), null, SignerChoice.Digest);

        // An image changed at runtime is found by the next full scan, not on the message path.
        var original = new byte[2];
        bench.Board.FlashImage.Read("app", 1000, original);
        bench.Board.OverwriteImageBytes("app", 1000, [0x55, 0xAA]);
        Assert.Equal(IntegrityLevel.NoAnomaly, TestPki.Open((await client.AugmentAndSignAsync(request)).Spdu).Report!.Level);
        bench.Board.OverwriteImageBytes("app", 1000, original);

        // A stack-guard hit moves the fault log: the very next message carries it.
        bench.Board.RaiseMemoryFault(MemoryFaultKind.StackGuard, "v2x-app");
        var report = TestPki.Open((await client.AugmentAndSignAsync(request)).Spdu).Report!;
        Assert.Equal(IntegrityLevel.HighAnomaly, report.Level);
        Assert.Equal(DetectorFlags.Memory, report.Detectors);
        Assert.False(partition.Idf.Latest.FullScan);
        Assert.Equal(TriggerKind.MessageSend, partition.Idf.Latest.Trigger);
    }

    [Fact]
    public void Latches_survive_a_restart()
    {
        var keys = new InMemoryKeyStore();
        using var bench = TestBench.Create(keyStore: keys);
        var partition = bench.StartPartition();
        bench.Board.RaiseMemoryFault(MemoryFaultKind.StackGuard, "v2x-app");
        Assert.Equal(IntegrityLevel.HighAnomaly, partition.Idf.CheckForMessage().Level);
        bench.Restart();

        // The fault log is RAM and is gone; the latch is not.
        var after = bench.StartPartition().Idf.Latest;
        Assert.Equal(IntegrityLevel.NoAnomaly, after.Results.Single(r => r.Detector == DetectorFlags.Memory).Level);
        Assert.Equal(IntegrityLevel.HighAnomaly, after.Level);
        Assert.Equal(DetectorFlags.Memory, after.Bitmap);
        keys.Dispose();
    }

    [Fact]
    public void Transient_latch_clears_only_after_the_hold_time_and_three_clean_periodic_scans()
    {
        using var bench = TestBench.Create();
        var partition = bench.StartPartition(periodicScans: true);
        var rogue = bench.Board.StartRogueProcess();
        Assert.Equal(IntegrityLevel.HighAnomaly, partition.TriggerCheck(TriggerKind.ApplicationStart, "test").Level);
        bench.Board.Processes.Kill(rogue);

        // Requested scans never age a latch, however many.
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(IntegrityLevel.HighAnomaly, partition.TriggerCheck(TriggerKind.Requested, "again").Level);
        }

        // Periodic scans every 10 s: three clean ones, but the 60 s hold has not passed at 30 s.
        bench.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TriggerKind.Periodic, partition.Idf.Latest.Trigger);
        Assert.Equal(IntegrityLevel.HighAnomaly, partition.Idf.Latest.Level);
        bench.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(IntegrityLevel.HighAnomaly, partition.Idf.Latest.Level);
        bench.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(IntegrityLevel.NoAnomaly, partition.Idf.Latest.Level);
        Assert.Empty(partition.Idf.Latest.Latches);
    }

    [Fact]
    public void Integrity_latch_persists_across_restarts_and_periodic_scans_until_a_reflash_boots_clean()
    {
        using var bench = TestBench.Create();
        var partition = bench.StartPartition(periodicScans: true);
        var original = new byte[4];
        bench.Board.FlashImage.Read("os", 8192, original);
        bench.Board.OverwriteImageBytes("os", 8192, [1, 2, 3, 4]);
        bench.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(IntegrityLevel.Compromised, partition.Idf.Latest.Level);

        // The attacker puts the bytes back: scans are clean again, the latch holds, for days and across restarts.
        bench.Board.OverwriteImageBytes("os", 8192, original);
        bench.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(IntegrityLevel.NoAnomaly, partition.Idf.Latest.Results.Single(r => r.Detector == DetectorFlags.IntegrityCheck).Level);
        Assert.Equal(IntegrityLevel.Compromised, partition.Idf.Latest.Level);
        bench.Restart();
        Assert.Equal(IntegrityLevel.Compromised, bench.StartPartition().Idf.Latest.Level);

        // Re-flash with a valid image set and a clean measured boot: cleared.
        bench.Flash();
        bench.Restart();
        var clean = bench.StartPartition().Idf.Latest;
        Assert.Equal(IntegrityLevel.NoAnomaly, clean.Level);
        Assert.Empty(clean.Latches);
    }

    [Fact]
    public void Tamper_latch_survives_a_reflash_while_the_hardware_latch_is_set()
    {
        using var bench = TestBench.Create();
        bench.StartPartition();
        bench.Board.RaiseTamper("voltage-glitch");
        Assert.Equal(IntegrityLevel.Compromised, bench.Partition!.Idf.CheckForMessage().Level);
        bench.Flash();
        bench.Restart();
        var scan = bench.StartPartition().Idf.Latest;
        Assert.Equal(IntegrityLevel.Compromised, scan.Level);
        Assert.Equal(DetectorFlags.HsmTamper, scan.Bitmap);
    }

    [Fact]
    public void An_unreadable_latch_record_fails_closed_until_a_reflash()
    {
        using var bench = TestBench.Create();
        bench.StartPartition();
        bench.Board.Store.Write("idf.latches", [0xFF, 0xFF, 0x01]);
        bench.Restart();
        var scan = bench.StartPartition().Idf.Latest;
        Assert.Equal(IntegrityLevel.Compromised, scan.Level);
        Assert.Equal(SecurePartition.Detection.Detectors.All, scan.Bitmap);
        bench.Flash();
        bench.Restart();
        Assert.Equal(IntegrityLevel.Compromised, bench.StartPartition().Idf.Latest.Level);
        Assert.DoesNotContain(bench.Partition!.Idf.Latest.Latches, l => l.IsPersistent);
    }

    public static TheoryData<string> Faults => new() { "rogue process", "stack guard", "hsm tamper", "image tampered at runtime", "capability use" };

    /// <summary>
    /// Issue 4, "Done when": once an anomaly is latched, a hostile client gets no cleaner report,
    /// whatever it sends: every request type with valid and random bodies, on its own connection
    /// and on many others, new tickets, pseudonym changes, and days of (fake) time without the
    /// partition's own periodic scans.
    /// </summary>
    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Hostile_client_cannot_obtain_a_clean_report_once_an_anomaly_is_latched(string fault)
    {
        using var bench = TestBench.Create();
        var partition = bench.StartPartition();
        using var channel = new InMemoryChannel(new ProtocolServer(partition));
        await using var client = new SecurePartitionClient(channel.Connect());
        await TestPki.ProvisionAsync(client);
        var undo = Inject(bench, fault);
        var latched = (await client.TriggerCheckAsync(TriggerKind.Requested, "latch")).Level;
        var bit = partition.Idf.Latest.Bitmap;
        Assert.True(latched >= IntegrityLevel.HighAnomaly, fault);
        undo();

        var random = new Random(4711);
        var seen = new List<(IntegrityLevel Level, DetectorFlags Bits)>();
        for (var round = 0; round < 25; round++)
        {
            bench.Time.Advance(TimeSpan.FromHours(3));
            foreach (var trigger in new[] { TriggerKind.ApplicationStart, TriggerKind.NewHardware, TriggerKind.NewOrUpdatedApplication, TriggerKind.Requested })
            {
                var s = await client.TriggerCheckAsync(trigger, "clean now, honest");
                seen.Add((s.Level, s.Detectors));
            }

            foreach (var forbidden in new[] { TriggerKind.Periodic, TriggerKind.Boot, TriggerKind.MessageSend, TriggerKind.UpdateOverTheAir, TriggerKind.UpdateLocal })
            {
                await Assert.ThrowsAsync<PartitionException>(() => client.TriggerCheckAsync(forbidden, "age my latch"));
            }

            var r = await client.GetReportAsync(detailed: round % 5 == 0);
            seen.Add((r.Level, r.Detectors));
            if (round < 6)
            {
                var (slot, key) = await client.GenerateTicketKeyAsync();
                await client.InstallTicketAsync(slot, TestPki.IssueTicket(key).Encoded);
            }

            await client.ChangePseudonymAsync();

            // No request can leave the report out of a message once a latch is above no anomaly (the partition
            // decides; the client has no flag for it), whatever the PSID.
            foreach (var psid in new[] { Psid.Cam, Psid.Denm })
            {
                var signed = await client.AugmentAndSignAsync(new SignRequest(psid, RandomBytes(random, 300), null, SignerChoice.Certificate));
                seen.Add((signed.Level, signed.Detectors));
                var report = TestPki.Open(signed.Spdu).Report;
                Assert.True(signed.ReportIncluded && report is not null, $"{fault}: a {psid} signed without the report after a latch");
                seen.Add((report.Level, report.Detectors));
            }

            await Assert.ThrowsAsync<PartitionException>(() => client.AugmentAndSignAsync(new SignRequest(new Psid(0x22), Array.Empty<byte>(), null, SignerChoice.Digest)));
            await Assert.ThrowsAsync<PartitionException>(() => client.InstallPostureResponseAsync(RandomBytes(random, 200)));
            _ = await client.ReadReportsAsync(0, 10);
            await SendGarbageAsync(channel, random);
        }

        Assert.All(seen, s =>
        {
            Assert.True(s.Level >= latched, $"{fault}: a report at {s.Level} below the latched {latched}");
            Assert.True((s.Bits & bit) == bit, $"{fault}: the latched bit {bit} is missing from {s.Bits}");
        });
    }

    private static Action Inject(TestBench bench, string fault)
    {
        switch (fault)
        {
            case "rogue process":
                var pid = bench.Board.StartRogueProcess();
                return () => bench.Board.Processes.Kill(pid);
            case "stack guard":
                bench.Board.RaiseMemoryFault(MemoryFaultKind.StackGuard, "v2x-app");
                return () => { };
            case "hsm tamper":
                bench.Board.RaiseTamper();
                return () => { };
            case "capability use":
                bench.Board.UseCapability("gnssd", "CAP_SETUID");
                return () => { };
            default:
                var original = new byte[3];
                bench.Board.FlashImage.Read("app", 5000, original);
                bench.Board.OverwriteImageBytes("app", 5000, [7, 7, 7]);
                return () => bench.Board.OverwriteImageBytes("app", 5000, original);
        }
    }

    private static byte[] RandomBytes(Random random, int max)
    {
        var b = new byte[random.Next(0, max)];
        random.NextBytes(b);
        return b;
    }

    private static async Task SendGarbageAsync(InMemoryChannel channel, Random random)
    {
        for (var i = 0; i < 20; i++)
        {
            await using var raw = channel.Connect();
            var type = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)new[] { 0x02, 0x03, 0x04, 0x07, 0x08, 0x10, 0x11, 0x12, 0x15 }[random.Next(9)];
            await raw.WriteAsync(new Frame(type, (uint)i, RandomBytes(random, 64)).Encode());
            var answer = await Frame.ReadAsync(raw, 1 << 20, CancellationToken.None);
            Assert.NotNull(answer);
        }
    }
}
