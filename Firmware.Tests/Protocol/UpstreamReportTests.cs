using Firmware.SecurePartition.Protocol;
using Firmware.SecurePartition.Reports;
using Firmware.SecurePartition.Triggers;
using Firmware.Tests.Support;
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
