using System.Text.RegularExpressions;
using Firmware.Upstream.Desensitising;

namespace Firmware.Tests.Upstream.Desensitising;

/// <summary>
/// The keyed pseudonym and summary ids: the primitives against published vectors (RFC 4231 for
/// HMAC-SHA-256, RFC 4648 §10 for base32), then rotation per period and determinism per bucket.
/// </summary>
public sealed partial class PseudonymiserTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Mac_is_hmac_sha256_rfc4231_test_case_2()
    {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            Convert.ToHexStringLower(Pseudonymiser.Mac("Jefe"u8, "what do ya want for nothing?")));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "my")]
    [InlineData("fo", "mzxq")]
    [InlineData("foo", "mzxw6")]
    [InlineData("foob", "mzxw6yq")]
    [InlineData("fooba", "mzxw6ytb")]
    [InlineData("foobar", "mzxw6ytboi")]
    public void Base32_matches_rfc4648_section_10_in_lower_case_without_padding(string input, string expected)
    {
        Assert.Equal(expected, Pseudonymiser.Base32(System.Text.Encoding.ASCII.GetBytes(input)));
    }

    public static TheoryData<string, TimeSpan, bool> Times => new()
    {
        { "same instant", TimeSpan.Zero, true },
        { "end of the same week", TimeSpan.FromDays(7) - TimeSpan.FromTicks(1), true },
        { "next week", TimeSpan.FromDays(7), false },
        { "a year later", TimeSpan.FromDays(365), false },
    };

    [Theory]
    [MemberData(nameof(Times))]
    public void The_pseudonym_rotates_per_period(string name, TimeSpan later, bool same)
    {
        var p = new Pseudonymiser(Key, TimeSpan.FromDays(7));
        var start = p.For(Monday.AddDays(-((int)(Monday - DateTimeOffset.UnixEpoch).TotalDays % 7)));
        var other = p.For(Monday.AddDays(-((int)(Monday - DateTimeOffset.UnixEpoch).TotalDays % 7)) + later);
        Assert.True(same == (start == other), name);
        Assert.Matches(PseudonymRegex(), start);
        Assert.Matches(PseudonymRegex(), other);
    }

    [Fact]
    public void Another_key_gives_another_pseudonym_and_the_pseudonym_is_the_documented_mac()
    {
        var p = new Pseudonymiser(Key, TimeSpan.FromDays(7));
        var index = (Monday - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.FromDays(7).Ticks;
        Assert.Equal("obu-" + Pseudonymiser.Base32(Pseudonymiser.Mac(Key, "v2x-upstream pseudonym\n" + index).AsSpan(0, 16)), p.For(Monday));
        Assert.NotEqual(p.For(Monday), new Pseudonymiser(new byte[32], TimeSpan.FromDays(7)).For(Monday));
    }

    [Fact]
    public void Summary_ids_are_fixed_per_signature_and_bucket_and_are_rfc9562_version_4()
    {
        var p = new Pseudonymiser(Key, TimeSpan.FromDays(7));
        var sig = new string('a', 64);
        var id = p.SummaryId(sig, Monday);
        Assert.Equal(id, p.SummaryId(sig, Monday));
        Assert.NotEqual(id, p.SummaryId(sig, Monday.AddHours(1)));
        Assert.NotEqual(id, p.SummaryId(new string('b', 64), Monday));
        Assert.True(Cti.Stix.StixId.TryParse("observed-data--" + id, out _));
        Assert.Equal('4', id.ToString()[14]);
        Assert.Contains(id.ToString()[19], "89ab");
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    public void A_key_of_another_length_is_a_callers_mistake(int length)
    {
        Assert.Throws<ArgumentException>(() => new Pseudonymiser(new byte[length], TimeSpan.FromDays(1)));
    }

    [GeneratedRegex("^obu-[a-z2-7]{26}$")]
    private static partial Regex PseudonymRegex();
}
