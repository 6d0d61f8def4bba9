namespace Firmware.SecurePartition.BlackBox;

/// <summary>A segment read from the medium.</summary>
/// <param name="Index">Position in the medium (0..3).</param>
/// <param name="Number">Segment number from its header (monotonic), or null when erased or corrupt.</param>
/// <param name="FirstSequence">First entry sequence from its header.</param>
/// <param name="Bytes">The whole segment.</param>
/// <param name="Erased">True when every byte is 0xFF.</param>
public sealed record BlackBoxSegment(int Index, ulong? Number, ulong FirstSequence, byte[] Bytes, bool Erased)
{
    /// <summary>Reads every segment of a medium.</summary>
    public static IReadOnlyList<BlackBoxSegment> ReadAll(IBlackBoxMedium medium)
    {
        ArgumentNullException.ThrowIfNull(medium);
        var size = BlackBoxFormat.SegmentBytes(medium.CapacityBytes);
        var list = new List<BlackBoxSegment>(BlackBoxFormat.SegmentCount);
        for (var i = 0; i < BlackBoxFormat.SegmentCount; i++)
        {
            var bytes = new byte[size];
            medium.Read(i * size, bytes);
            var header = BlackBoxFormat.ParseSegmentHeader(bytes);
            list.Add(new BlackBoxSegment(i, header?.Number, header?.FirstSequence ?? 0, bytes, bytes.AsSpan().IndexOfAnyExcept((byte)0xFF) < 0));
        }

        return list;
    }
}
