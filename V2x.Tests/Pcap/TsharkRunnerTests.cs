using Testing.Tshark;
using V2x.Tests.Facilities;

namespace V2x.Tests.Pcap;

/// <summary>
/// The shared tshark runner (Testing/Tshark) on frames whose dissection is known: it must report
/// field values, pass notes, and catch warnings and the malformed mark.
/// </summary>
public sealed class TsharkRunnerTests : IDisposable
{
    private readonly PcapFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Reports_fields_and_passes_a_frame_with_only_notes()
    {
        var frame = Dissect(Hex.Parse(ExternalVectors.VanetzaCamFrame));
        Assert.Equal(["eth", "ethertype", "gnw", "btpb", "its"], frame.Protocols);
        Assert.Equal(1, frame.Integer("its.stationID"));
        Assert.Equal(14129, frame.Integer("cam.generationDeltaTime"));
        Assert.Equal(0x1d113b88, frame.Integer("geonw.src_pos.lat"));
        Assert.Equal("1d113b88", frame.RawValues("geonw.src_pos.lat").Single());
        Assert.Contains(frame.ExpertItems, e => e.Severity == TsharkSeverity.Note && e.Protocol == "gnw");
        Assert.Empty(frame.Problems);
        Assert.False(frame.IsMalformed);
    }

    [Fact]
    public void Catches_warnings()
    {
        // instantx's GBC area centre is beyond ±90° / ±180°: Wireshark warns twice.
        var frame = Dissect([.. Hex.Parse("ffffffffffff02005e1000018947"), .. Hex.Parse(ExternalVectors.InstantxGbcPacket)]);
        Assert.Equal(2, frame.Problems.Count(p => p.Severity == TsharkSeverity.Warning && p.Message.Contains("out of range", StringComparison.Ordinal)));
        Assert.False(frame.IsMalformed);
    }

    [Fact]
    public void Catches_the_malformed_mark()
    {
        var frame = Dissect(Hex.Parse(ExternalVectors.VanetzaCamFrame)[..60]);
        Assert.True(frame.IsMalformed);
        Assert.Contains(frame.Problems, p => p.Severity == TsharkSeverity.Error);
    }

    [Fact]
    public void Fails_clearly_on_a_missing_file_and_on_a_tool_error()
    {
        Assert.Throws<FileNotFoundException>(() => TsharkRunner.Dissect(_files.PathOf("missing.pcap")));
        var notPcap = _files.PathOf("text.pcap");
        File.WriteAllText(notPcap, "not a capture");
        Assert.Throws<InvalidOperationException>(() => TsharkRunner.Dissect(notPcap));
    }

    private TsharkFrame Dissect(byte[] frame)
    {
        var path = _files.Write($"{Guid.NewGuid():N}.pcap", DateTimeOffset.UnixEpoch.AddYears(50), [frame]);
        return Assert.Single(TsharkRunner.Dissect(path).Frames);
    }
}
