using Cti.Taxii;

namespace Cti.Tests.Taxii;

public class TaxiiMediaTypeTests
{
    // TAXII 2.1 §1.6.8: a bare application/taxii+json means the latest version (never 406).
    [Theory]
    [InlineData("exact 2.1", "application/taxii+json;version=2.1", TaxiiMediaType.Match.Acceptable)]
    [InlineData("bare taxii means latest", "application/taxii+json", TaxiiMediaType.Match.Acceptable)]
    [InlineData("spaces and case", "Application/TAXII+JSON; version=2.1", TaxiiMediaType.Match.Acceptable)]
    [InlineData("quoted version", "application/taxii+json;version=\"2.1\"", TaxiiMediaType.Match.Acceptable)]
    [InlineData("wildcard", "*/*", TaxiiMediaType.Match.Acceptable)]
    [InlineData("absent header", "", TaxiiMediaType.Match.Acceptable)]
    [InlineData("2.0 then 2.1", "application/taxii+json;version=2.0, application/taxii+json;version=2.1", TaxiiMediaType.Match.Acceptable)]
    [InlineData("only 2.0", "application/taxii+json;version=2.0", TaxiiMediaType.Match.UnsupportedVersion)]
    [InlineData("only 3.0", "application/taxii+json;version=3.0", TaxiiMediaType.Match.UnsupportedVersion)]
    [InlineData("2.1 refused with q=0", "application/taxii+json;version=2.1;q=0", TaxiiMediaType.Match.OtherType)]
    [InlineData("plain JSON", "application/json", TaxiiMediaType.Match.OtherType)]
    [InlineData("STIX media type", "application/stix+json;version=2.1", TaxiiMediaType.Match.OtherType)]
    public void Matches_accept_headers(string name, string accept, TaxiiMediaType.Match expected)
    {
        Assert.Equal(expected, TaxiiMediaType.MatchAccept(accept));
        Assert.NotEmpty(name);
    }

    [Theory]
    [InlineData("exact 2.1", "application/taxii+json;version=2.1", TaxiiMediaType.Match.Acceptable)]
    [InlineData("bare taxii", "application/taxii+json", TaxiiMediaType.Match.Acceptable)]
    [InlineData("2.0", "application/taxii+json;version=2.0", TaxiiMediaType.Match.UnsupportedVersion)]
    [InlineData("plain JSON", "application/json", TaxiiMediaType.Match.OtherType)]
    [InlineData("absent", "", TaxiiMediaType.Match.OtherType)]
    public void Matches_request_content_types(string name, string contentType, TaxiiMediaType.Match expected)
    {
        Assert.Equal(expected, TaxiiMediaType.MatchContentType(contentType));
        Assert.NotEmpty(name);
    }
}
