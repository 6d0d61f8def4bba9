namespace V2x.Tests;

/// <summary>Hex strings in the vector tables of every V2x test folder: whitespace is ignored, output is lower case.</summary>
internal static class Hex
{
    public static byte[] Parse(string hex) =>
        Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static byte[] Repeat(string hex, int times) =>
        Enumerable.Repeat(Parse(hex), times).SelectMany(b => b).ToArray();
}
