namespace V2x.Tests.Oer;

/// <summary>Hex helpers for the vector tables of the OER, security, integrity and time tests.</summary>
internal static class HexVectors
{
    public static byte[] Parse(string hex) => Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
