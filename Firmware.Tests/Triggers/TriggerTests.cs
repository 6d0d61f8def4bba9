using Firmware.SecurePartition.Triggers;
using Firmware.Tests.Support;
using Hardware.Inventory;

namespace Firmware.Tests.Triggers;

/// <summary>The triggers of patent ¶114 the partition notices itself: new hardware, new or updated applications, a completed local update, the timer.</summary>
public sealed class TriggerTests
{
    public static TheoryData<string, TriggerKind> Rows => new()
    {
        { "new hardware", TriggerKind.NewHardware },
        { "new application", TriggerKind.NewOrUpdatedApplication },
        { "nothing new", TriggerKind.Periodic },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_periodic_scan_names_what_changed_and_records_it(string change, TriggerKind expected)
    {
        using var bench = TestBench.Create();
        var partition = bench.StartPartition(periodicScans: true);
        if (change == "new hardware")
        {
            bench.Board.AttachHardware(new HardwareDevice("usb1", "modem", "Acme", "LTE stick", "2.1"));
        }
        else if (change == "new application")
        {
            bench.Board.InstallApplication("parking-assist", "0.3.0");
        }

        bench.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(expected, partition.Idf.Latest.Trigger);
        Assert.True(partition.Idf.Latest.FullScan);
        var recorded = partition.ReadDetailedReports(0, 10).Select(r => r.Report.Trigger).ToList();
        Assert.Equal(expected == TriggerKind.Periodic ? [TriggerKind.Boot] : [TriggerKind.Boot, expected], recorded);

        // The next period has nothing new again.
        bench.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TriggerKind.Periodic, partition.Idf.Latest.Trigger);
    }

    [Fact]
    public void A_boot_after_a_reflash_notes_the_new_flash_generation_and_raises_the_local_update_trigger()
    {
        using var bench = TestBench.Create();
        var first = bench.StartPartition().Idf.Latest;
        Assert.Equal(TriggerKind.Boot, first.Trigger);
        Assert.Contains("flash generation 0 -> 1", first.TriggerDetail, StringComparison.Ordinal);
        bench.Restart();
        Assert.Equal("", bench.StartPartition().Idf.Latest.TriggerDetail);
        bench.Flash(version: "1.1.0");
        bench.Restart();
        var partition = bench.StartPartition();

        var recorded = partition.ReadDetailedReports(0, 10).Select(r => r.Report).ToList();
        Assert.Equal([TriggerKind.Boot, TriggerKind.Boot, TriggerKind.Boot, TriggerKind.UpdateLocal], recorded.Select(r => r.Trigger));
        Assert.Contains("flash generation 1 -> 2", recorded[2].TriggerDetail, StringComparison.Ordinal);
        Assert.Equal("update to 1.1.0 (secure version 1, generation 2) completed: flash", recorded[3].TriggerDetail);
        Assert.Equal(TriggerKind.UpdateLocal, partition.Idf.Latest.Trigger);

        // Raised once: the next start is a plain boot.
        bench.Restart();
        Assert.Equal(TriggerKind.Boot, bench.StartPartition().Idf.Latest.Trigger);
    }
}
