namespace Firmware.Application.Replay;

/// <summary>
/// Serial-number arithmetic (RFC 1982 §3.2): the order of counters that wrap. For SERIAL_BITS = n,
/// s1 &lt; s2 when (s1 &lt; s2 and s2 − s1 &lt; 2^(n−1)) or (s1 &gt; s2 and s1 − s2 &gt; 2^(n−1)); two values
/// exactly 2^(n−1) apart are not ordered either way.
/// </summary>
public static class SerialNumber
{
    /// <summary>
    /// How far <paramref name="to"/> lies ahead of <paramref name="from"/> in 32-bit serial arithmetic:
    /// positive ahead, negative behind, zero equal; <see cref="int.MinValue"/> for the one distance
    /// (2^31) RFC 1982 leaves undefined.
    /// </summary>
    public static int Distance(uint from, uint to) => unchecked((int)(to - from));

    /// <summary>RFC 1982 §3.2 with SERIAL_BITS = 32: whether <paramref name="s1"/> is less than <paramref name="s2"/>.</summary>
    public static bool IsLess(uint s1, uint s2) => Distance(s1, s2) > 0;

    /// <summary>
    /// RFC 1982 §3.2 for any SERIAL_BITS from 2 to 64 (the RFC's own examples use 2 and 8 bits):
    /// -1 when s1 &lt; s2, 1 when s1 &gt; s2, 0 when equal, null when the comparison is undefined.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Bits outside 2..64, or a value that does not fit them.</exception>
    public static int? Compare(ulong s1, ulong s2, int serialBits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(serialBits, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serialBits, 64);
        var max = serialBits == 64 ? ulong.MaxValue : (1UL << serialBits) - 1;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(s1, max);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(s2, max);
        if (s1 == s2)
        {
            return 0;
        }

        var half = 1UL << (serialBits - 1);
        if ((s1 < s2 && s2 - s1 < half) || (s1 > s2 && s1 - s2 > half))
        {
            return -1;
        }

        if ((s2 < s1 && s1 - s2 < half) || (s2 > s1 && s2 - s1 > half))
        {
            return 1;
        }

        return null;
    }
}
