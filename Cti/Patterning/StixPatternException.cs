namespace Cti.Patterning;

/// <summary>
/// Raised for an indicator pattern that does not follow the STIX 2.1 patterning grammar (§9) or
/// breaks one of its rules; names the character offset where parsing stopped.
/// </summary>
public sealed class StixPatternException : CtiException
{
    public StixPatternException(int offset, string reason)
        : base($"pattern error at offset {offset}: {reason} (STIX 2.1 §9)")
    {
        Offset = offset;
        Reason = reason;
    }

    /// <summary>Zero-based offset in the pattern text.</summary>
    public int Offset { get; }

    /// <summary>What was wrong, without the location.</summary>
    public string Reason { get; }
}
