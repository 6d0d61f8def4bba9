namespace V2x.Tests;

/// <summary>Hex strings in test vectors: whitespace is ignored.</summary>
internal static class Hex
{
    public static byte[] Parse(string hex) =>
        Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    public static byte[] Repeat(string hex, int times) =>
        Enumerable.Repeat(Parse(hex), times).SelectMany(b => b).ToArray();
}
