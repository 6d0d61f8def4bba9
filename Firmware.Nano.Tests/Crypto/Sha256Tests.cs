using System.Security.Cryptography;
using System.Text;
using Firmware.Nano.Crypto;

namespace Firmware.Nano.Tests.Crypto;

/// <summary>SHA-256 of the MCU (FIPS 180-4) against the NIST example values and against .NET's SHA-256.</summary>
public sealed class Sha256Tests
{
    /// <summary>
    /// NIST CSRC "Cryptographic Standards and Guidelines: Examples with Intermediate Values", SHA256.pdf and
    /// SHA256.pdf's two-block example (also FIPS 180-2 Appendix B.1, B.2, B.3).
    /// </summary>
    public static TheoryData<string, string, int> NistExamples => new()
    {
        { "one block: abc (FIPS 180-2 B.1)", "abc", 1 },
        { "two blocks: abcdbcde...nopq (FIPS 180-2 B.2)", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1 },
        { "one million a (FIPS 180-2 B.3)", "a", 1_000_000 },
        { "empty message (NIST SHAVS, SHA256ShortMsg Len = 0)", "", 0 },
    };

    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["abc"] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        ["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"] = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        ["a"] = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
        [""] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    };

    [Theory]
    [MemberData(nameof(NistExamples))]
    public void Nist_example(string name, string text, int repeat)
    {
        var message = Encoding.ASCII.GetBytes(repeat == 0 ? "" : string.Concat(Enumerable.Repeat(text, repeat)));
        Assert.True(Expected[text] == Convert.ToHexStringLower(Sha256.Hash(message)), name);
    }

    [Fact]
    public void Every_length_up_to_three_blocks_in_any_split_matches_dotnet()
    {
        var random = new Random(180_4);
        var sha = new Sha256();
        var digest = new byte[32];
        for (var length = 0; length <= 200; length++)
        {
            var message = new byte[length];
            random.NextBytes(message);
            var split = length == 0 ? 0 : random.Next(length + 1);
            sha.Append(message, 0, split);
            sha.Append(message, split, length - split);
            sha.Finish(digest, 0);
            Assert.True(SHA256.HashData(message).AsSpan().SequenceEqual(digest), $"length {length} split at {split}");
        }
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, 11)]
    [InlineData(5, 6)]
    public void Out_of_range_input_is_a_caller_error(int offset, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Sha256.Hash(new byte[10], offset, count));
}
