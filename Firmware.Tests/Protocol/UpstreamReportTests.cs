using Firmware.SecurePartition;
using Firmware.SecurePartition.Protocol;
using Firmware.SecurePartition.Reports;
using Firmware.SecurePartition.Triggers;
using Firmware.Tests.Support;
using V2x.Security;
using V2x.Security.Signing;
using Hardware.Memory;
using V2x.Integrity;

namespace Firmware.Tests.Protocol;

/// <summary>Detailed reports (patent ¶127) as the black box keeps them and as upstream forwarding (issue 6) reads them.</summary>
public sealed class UpstreamReportTests
{
    [Fact]
    public async Task Detailed_reports_carry_evidence_sbom_hbom_and_boot_and_are_read_after_a_sequence()
    {
        using var bench = TestBench.Create();
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition()));
        await using var client = new SecurePartitionClient(channel.Connect());
        bench.Board.RaiseMemoryFault(MemoryFaultKind.StackGuard, "v2x-app", 0xDEAD);
        await client.TriggerCheckAsync(TriggerKind.ApplicationStart, "v2x-app 1.0.0");

        var all = await client.ReadReportsAsync(0, 10);
        Assert.Equal([1UL, 2UL], all.Select(r => r.Sequence));
        Assert.Equal(TriggerKind.Boot, all[0].Report.Trigger);
        var report = all[1].Report;
        Assert.Equal(TriggerKind.ApplicationStart, report.Trigger);
        Assert.Equal(IntegrityLevel.HighAnomaly, report.Level);
        Assert.Equal(DetectorFlags.Memory, report.Detectors);
        Assert.Contains(report.Results.Single(r => r.Detector == DetectorFlags.Memory).Evidence, e => e.Detail.Contains("0xDEAD", StringComparison.Ordinal));
        Assert.Equal(["bootloader", "os", "idf", "app"], report.BootStages.Select(s => s.Label));
        Assert.All(report.Software.Where(s => s.Source.StartsWith("partition:", StringComparison.Ordinal)), s => Assert.Equal(32, s.Sha256.Length));
        Assert.Contains(report.Hardware, h => h.Kind == "hsm");
        Assert.Equal(ReportCodec.Encode(report), ReportCodec.Encode(ReportCodec.Decode(ReportCodec.Encode(report))));

        Assert.Equal([2UL], (await client.ReadReportsAsync(1, 10)).Select(r => r.Sequence));
        var detailed = (await client.GetReportAsync(detailed: true)).Detailed!;
        Assert.Equal(IntegrityLevel.HighAnomaly, detailed.Level);
    }

    [Theory]
    [InlineData("500 rogue processes, default frames: trimmed when recorded", 500, Frame.DefaultMaxBodyBytes, true)]
    [InlineData("500 rogue processes, 16 KiB frames: trimmed again when served", 500, 16 * 1024, true)]
    [InlineData("3 rogue processes: recorded whole", 3, Frame.DefaultMaxBodyBytes, false)]
    public async Task A_report_with_hundreds_of_findings_is_recorded_trimmed_signing_goes_on_and_it_is_forwarded(string name, int rogues, int maxBodyBytes, bool truncated)
    {
        using var bench = TestBench.Create();
        var partition = bench.StartPartition();
        using var channel = new InMemoryChannel(new ProtocolServer(partition, maxBodyBytes));
        await using var client = new SecurePartitionClient(channel.Connect());
        await TestPki.ProvisionAsync(client);
        for (var i = 0; i < rogues; i++)
        {
            bench.Board.StartRogueProcess($"miner{i}", $"/tmp/.x/miner{i}");
        }

        // The send path: a memory fault makes the per-message check run a quick scan, which the
        // black box records; signing must go on and carry the new level.
        bench.Board.RaiseMemoryFault(MemoryFaultKind.InvalidPage, "gnssd");
        var request = new SignRequest(Psid.Cam, TestPki.CamPayload(), null, SignerChoice.Digest);
        Assert.Equal(IntegrityLevel.HighAnomaly, (await client.AugmentAndSignAsync(request)).Level);

        // Entries: 1 boot, 2 the application's start (announced while provisioning), 3 the quick scan.
        Assert.Equal(3UL, partition.BlackBox.LastSequence);
        Assert.Equal(IntegrityLevel.HighAnomaly, (await client.AugmentAndSignAsync(request)).Level);

        // The timer path.
        bench.Time.Advance(TimeSpan.FromSeconds(10));
        var scan = await client.TriggerCheckAsync(TriggerKind.ApplicationStart, name);
        Assert.Equal(IntegrityLevel.HighAnomaly, scan.Level);
        Assert.Equal(4UL, partition.BlackBox.LastSequence);

        // Forwarding reads them one per response if need be, never an empty answer while one is left.
        var after = 2UL;
        var read = new List<DetailedReport>();
        while (read.Count < 2)
        {
            var page = await client.ReadReportsAsync(after, 10);
            Assert.NotEmpty(page);
            read.AddRange(page.Select(p => p.Report));
            after = page[^1].Sequence;
        }

        Assert.Equal(2, read.Count);
        Assert.Contains(read[0].Results.Single(r => r.Detector == DetectorFlags.Memory).Evidence, e => e.Rule == "memory.InvalidPage");
        foreach (var report in read)
        {
            Assert.Equal(IntegrityLevel.HighAnomaly, report.Level);
            var process = report.Results.Single(r => r.Detector == DetectorFlags.Process);
            Assert.Equal(IntegrityLevel.HighAnomaly, process.Level);
            Assert.True(report.Detectors.HasFlag(DetectorFlags.Process));
            var cut = process.Evidence.Where(e => e.Rule == ReportFit.TruncatedRule).ToList();
            if (truncated)
            {
                var line = Assert.Single(cut);
                var kept = process.Evidence.Count(e => e.Rule == "process.unexpected");
                Assert.Equal(rogues, kept + (int)line.Value!.Value);
                Assert.Equal($"{rogues - kept} more items truncated", line.Detail);
                Assert.True(ReportCodec.Encode(report).Length <= ReportFit.MaxInResponse(maxBodyBytes));
            }
            else
            {
                Assert.Empty(cut);
                Assert.Equal(rogues, process.Evidence.Count(e => e.Rule == "process.unexpected"));
            }
        }
    }

    [Fact]
    public void Clean_periodic_scans_are_not_logged_again()
    {
        using var bench = TestBench.Create();
        var partition = bench.StartPartition(periodicScans: true);
        bench.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1UL, partition.BlackBox.LastSequence);
        bench.Board.StartRogueProcess();
        bench.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2UL, partition.BlackBox.LastSequence);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "empty", "" },
        { "format 9", "09" },
        { "cut in the middle", "01" + "00000000000000AA" + "0003616263" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_reports_raise_the_typed_error(string name, string hex)
    {
        var e = Assert.Throws<SecurePartition.Encoding.MalformedDataException>(() => ReportCodec.Decode(Convert.FromHexString(hex)));
        Assert.True(e.Field.StartsWith("DetailedReport.", StringComparison.Ordinal), name);
    }
}
