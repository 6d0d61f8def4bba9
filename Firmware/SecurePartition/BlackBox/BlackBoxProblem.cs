namespace Firmware.SecurePartition.BlackBox;

/// <summary>What the verifier found wrong first.</summary>
public enum BlackBoxProblem
{
    /// <summary>Nothing: the log verifies.</summary>
    None,

    /// <summary>A segment header is corrupt (the segment is neither erased nor valid).</summary>
    SegmentCorrupt,

    /// <summary>Segment numbers are not consecutive (a segment removed or segments reordered).</summary>
    SegmentGap,

    /// <summary>An entry does not parse (edited length or magic, cut mid-entry).</summary>
    Malformed,

    /// <summary>The sequence is not the previous plus one (entries reordered, removed or duplicated).</summary>
    SequenceBreak,

    /// <summary>The previous-hash field does not match the previous entry (reordered or replaced).</summary>
    ChainBroken,

    /// <summary>Signed by a key the verifier does not trust.</summary>
    UnknownKey,

    /// <summary>The signature does not verify (the entry was edited).</summary>
    BadSignature,

    /// <summary>The log ends before the entry the head record names (entries cut off the end).</summary>
    Truncated,

    /// <summary>The last entry is not the one the head record names.</summary>
    HeadMismatch,
}
