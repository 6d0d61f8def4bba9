using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cti.Stix;

namespace Cti.Tests.Stix;

/// <summary>
/// What <see cref="StixJson.Parse"/> accepts from outside: I-JSON text (RFC 7493 §2.1: UTF-8, no unpaired
/// surrogates). The refused rows were fuzzing findings taxii-1 and taxii-2 (Docs/fuzzing.md): they used to parse and
/// throw <see cref="InvalidOperationException"/> at the first read of the string.
/// </summary>
public class StixJsonTests
{
    public static TheoryData<string, byte[]> Refused => new()
    {
        { "a lone continuation octet in a string", Text("{\"a\":\"x", [0x9A], "\"}") },
        { "a truncated two-octet sequence in a name", Text("{\"a", [0xC3], "\":1}") },
        { "an overlong encoding", Text("{\"a\":\"", [0xC0, 0xAF], "\"}") },
        { "an encoded surrogate (CESU-8)", Text("{\"a\":\"", [0xED, 0xA0, 0x80], "\"}") },
        { "an escaped lone high surrogate", Text("{\"a\":\"\\uD800\"}") },
        { "an escaped lone low surrogate in a name", Text("{\"\\uDC00\":1}") },
        { "a high surrogate escape before a letter", Text("{\"a\":\"\\uD83Dx\"}") },
        { "two high surrogate escapes", Text("{\"a\":[\"ok\",\"\\uD83D\\uD83D\"]}") },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Text_that_is_not_ijson_is_a_json_exception(string name, byte[] text)
    {
        var e = Assert.Throws<JsonException>(() => StixJson.Parse(text));
        Assert.False(string.IsNullOrEmpty(e.Message), name);
    }

    public static TheoryData<string, byte[], string> Accepted => new()
    {
        { "an escaped surrogate pair", Text("{\"a\":\"\\uD83D\\uDE00\"}"), "\U0001F600" },
        { "the same character as four octets", Text("{\"a\":\"\U0001F600\"}"), "\U0001F600" },
        { "escaped ASCII and a literal umlaut", Text("{\"a\":\"M\\u00fcller \\\"m\u00fc\\\"\"}"), "Müller \"mü\"" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Ijson_text_parses_to_its_value(string name, byte[] text, string expected)
    {
        var node = StixJson.Parse(text) as JsonObject;
        Assert.True(node is not null, name);
        Assert.Equal(expected, node["a"]!.GetValue<string>());
    }

    private static byte[] Text(string before, byte[]? octets = null, string after = "") =>
        [.. Encoding.UTF8.GetBytes(before), .. octets ?? [], .. Encoding.UTF8.GetBytes(after)];
}
