using V2x.Stack;

namespace V2x.Tests.Stack;

/// <summary>The sender's position read from a frame (the GN source position vector), for the bench's radio range model.</summary>
public class SenderPositionTests
{
    public static TheoryData<int> SignedCases => [.. Enumerable.Range(0, StackCases.Signed.Count)];

    [Theory]
    [MemberData(nameof(SignedCases))]
    public void Reads_the_source_position_of_every_signed_kind(int index)
    {
        var c = StackCases.Signed[index];

        var position = SenderPosition.Read(c.Build());

        Assert.Equal((c.Request.Source.LatitudeTenthMicrodegrees / 1e7, c.Request.Source.LongitudeTenthMicrodegrees / 1e7), position);
    }

    [Fact]
    public void Reads_an_unsecured_frame_too()
    {
        var request = StackCases.Cam();

        Assert.Equal((request.Source.LatitudeTenthMicrodegrees / 1e7, request.Source.LongitudeTenthMicrodegrees / 1e7), SenderPosition.Read(FrameBuilder.BuildUnsecured(request)));
    }

    public static TheoryData<string, byte[]> Unplaceable => new()
    {
        { "empty", [] },
        { "not GeoNetworking", [.. new byte[12], 0x08, 0x00, .. new byte[40]] },
        { "cut in the secured packet", StackCases.Signed[0].Build()[..60] },
    };

    [Theory]
    [MemberData(nameof(Unplaceable))]
    public void A_frame_without_a_readable_position_is_null(string name, byte[] frame)
    {
        Assert.True(SenderPosition.Read(frame) is null, name);
    }
}
