using System.Security.Cryptography;
using Hardware.Boards;
using Hardware.Flash;

namespace Hardware.Tests.Boards;

public class ObuBoardsTests
{
    public static TheoryData<string, BoardDescription> Boards => new()
    {
        { "64 MiB", ObuBoards.Obu64MiB },
        { "small", ObuBoards.ObuSmall },
    };

    [Theory]
    [MemberData(nameof(Boards))]
    public void Layout_has_every_partition_and_round_trips_through_binary(string name, BoardDescription board)
    {
        var table = board.Partitions;

        foreach (var label in new[] { "bootloader", "ptable", "nvs", "os", "idf", "app", "blackbox" })
        {
            Assert.True(table.Find(label) is not null, $"{name}: {label}");
        }

        Assert.Equal((ulong)board.FlashSizeBytes, table.EndBytes);
        Assert.Equal(table.Entries, PartitionTable.ParseBinary(board.PartitionTableBinary).Entries);
        Assert.Equal(PartitionTable.DefaultTableOffsetBytes, table["ptable"].OffsetBytes);
    }

    [Fact]
    public void Reference_images_are_deterministic_and_differ_by_version()
    {
        var a = ReferenceImages.Build("app", 0x80000, "1.0.0", 1);
        var b = ReferenceImages.Build("app", 0x80000, "1.0.0", 1);
        var c = ReferenceImages.Build("app", 0x80000, "1.0.1", 2);

        Assert.Equal(SHA256.HashData(a), SHA256.HashData(b));
        Assert.NotEqual(SHA256.HashData(a), SHA256.HashData(c));
        Assert.Equal(new FirmwareImageHeader("app", "1.0.0", 1, ReferenceImages.BuildTime, 0x60000 - 128), FirmwareImageHeader.Parse(a));
    }
}
