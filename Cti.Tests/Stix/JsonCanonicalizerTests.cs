using System.Text.Json.Nodes;
using Cti.Stix;

namespace Cti.Tests.Stix;

public class JsonCanonicalizerTests
{
    [Fact]
    public void Matches_the_rfc8785_section_3_2_3_example()
    {
        // RFC 8785 §3.2.3 sample input and its canonical output.
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        Assert.Equal(expected, JsonCanonicalizer.Canonicalize(JsonNode.Parse(input)));
    }

    [Theory]
    [InlineData("keys sorted by UTF-16 code unit", """{"b":1,"a":2,"B":3}""", """{"B":3,"a":2,"b":1}""")]
    [InlineData("integral double written without fraction", """{"n":1.0}""", """{"n":1}""")]
    [InlineData("nested arrays keep their order", """{"x":[3,1,2]}""", """{"x":[3,1,2]}""")]
    public void Canonicalizes(string name, string input, string expected)
    {
        Assert.Equal(expected, JsonCanonicalizer.Canonicalize(JsonNode.Parse(input)));
        Assert.NotEmpty(name);
    }

    // RFC 8785 §3.1 canonicalises I-JSON; RFC 7493 §2.1 forbids unpaired surrogates, whose canonical form is undefined.
    [Theory]
    [InlineData("lone high surrogate", "\"a\\ud800b\"")]
    [InlineData("lone low surrogate", "{\"k\":\"\\udc00\"}")]
    [InlineData("reversed pair", "[\"\\udc00\\ud800\"]")]
    public void Refuses_unpaired_surrogates(string name, string json)
    {
        Assert.Throws<StixFormatException>(() => JsonCanonicalizer.Canonicalize(System.Text.Json.Nodes.JsonNode.Parse(json)));
        Assert.NotEmpty(name);
    }

    [Fact]
    public void Keeps_a_surrogate_pair_literal()
    {
        Assert.Equal("\"\U0001F697\"", JsonCanonicalizer.Canonicalize(System.Text.Json.Nodes.JsonNode.Parse("\"\\ud83d\\ude97\"")));
    }
}
