using Community.Membership;
using Community.Taxii;

namespace Community.Tests.Access;

public class PasswordAndTokenTests
{
    [Fact]
    public void Verifies_the_right_password_only_and_salts_every_hash()
    {
        var a = PasswordHasher.Hash("correct horse battery", 1000);
        var b = PasswordHasher.Hash("correct horse battery", 1000);
        Assert.NotEqual(a, b);
        Assert.True(PasswordHasher.Verify("correct horse battery", a));
        Assert.False(PasswordHasher.Verify("correct horse battery!", a));
        Assert.StartsWith("pbkdf2-sha256$1000$", a, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty", "")]
    [InlineData("other scheme", "bcrypt$10$abc$def")]
    [InlineData("too few iterations", "pbkdf2-sha256$10$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("bad base64", "pbkdf2-sha256$1000$***$***")]
    [InlineData("short hash", "pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")]
    public void A_malformed_stored_hash_never_verifies(string name, string encoded)
    {
        Assert.False(PasswordHasher.Verify("anything at all", encoded), name);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1_740_816_000_000_000L)]
    [InlineData(long.MaxValue)]
    public void Page_tokens_round_trip(long after)
    {
        Assert.True(PageToken.TryDecode(PageToken.Encode(after), out var back));
        Assert.Equal(after, back);
    }

    [Theory]
    [InlineData("empty", "")]
    [InlineData("not base64url", "%%%")]
    [InlineData("other prefix", "eDEuMTIz")]
    [InlineData("negative", "bjEuLTE")]
    [InlineData("too long", "bjEuMTExMTExMTExMTExMTExMTExMTExMTExMTExMTExMTExMTExMTExMTExMTExMTExMTEx")]
    public void Foreign_page_tokens_are_refused(string name, string token)
    {
        Assert.False(PageToken.TryDecode(token, out _), name);
    }
}
