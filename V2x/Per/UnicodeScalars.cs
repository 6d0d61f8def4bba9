namespace V2x.Per;

/// <summary>
/// Counts the characters of a string the way an ASN.1 size constraint on UTF8String counts them:
/// abstract characters, that is Unicode scalar values (ITU-T X.680 §41.4), not UTF-16 code units.
/// </summary>
internal static class UnicodeScalars
{
    public static int Count(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
