using System.Text.Json;
using System.Text.Json.Nodes;
using Cti.Taxii;

namespace Cti.Tests.Taxii;

public class TaxiiResourceTests
{
    // TAXII 2.1 §4.1.1 discovery example (as reproduced in oasis-open/cti-taxii-server
    // medallion/test/data/default_data.json, with that server's base URL).
    private const string Discovery = """
        {"title":"Some TAXII Server","description":"This TAXII Server contains a listing of...","contact":"string containing contact information",
         "default":"http://localhost:5000/api2/","api_roots":["http://localhost:5000/api1/","http://localhost:5000/api2/","http://localhost:5000/trustgroup1/"]}
        """;

    // Same source: API root information (TAXII 2.1 §4.2.1).
    private const string ApiRoot = """
        {"title":"General STIX 2.1 Collections","description":"A repo for general STIX data.","versions":["application/taxii+json;version=2.1"],"max_content_length":9765625}
        """;

    // TAXII 2.1 §4.3.1 status example.
    private const string Status = """
        {"id":"2d086da7-4bdc-4f91-900e-d77486753710","status":"pending","request_timestamp":"2016-11-02T12:34:34.123456Z","total_count":4,"success_count":1,
         "successes":[{"id":"indicator--cd981c25-8042-4166-8945-51178443bdac","version":"2014-05-08T09:00:00.000Z","message":"Successfully added object to collection '91a7b528-80eb-42ed-a74d-c6fbd5a26116'."}],
         "failure_count":1,"failures":[{"id":"malware--664fa29d-bf65-4f28-a667-bdb76f29ec98","version":"2015-05-08T09:00:00.000Z","message":"Unable to process object"}],
         "pending_count":2,"pendings":[{"id":"indicator--252c7c11-daf2-42bd-843b-be65edca9f61","version":"2016-08-08T09:00:00.000Z"},
         {"id":"relationship--045585ad-a22f-4333-af33-bfd503a683b5","version":"2016-06-08T09:00:00.000Z"}]}
        """;

    // TAXII 2.1 §5.2.1 collection example.
    private const string Collection = """
        {"id":"91a7b528-80eb-42ed-a74d-c6fbd5a26116","title":"High Value Indicator Collection","description":"This data collection contains high value IOCs",
         "can_read":true,"can_write":false,"media_types":["application/stix+json;version=2.1"]}
        """;

    // TAXII 2.1 §3.6.1 error example.
    private const string Error = """
        {"title":"Error condition XYZ","description":"This error is caused when the application tries to access data...","error_id":"1234",
         "error_code":"581234","http_status":"409","external_details":"http://example.com/ticketnumber1/errorid-1234",
         "details":{"somekey1":"somevalue","somekey2":"some other value"}}
        """;

    [Fact]
    public void Reads_the_specification_examples()
    {
        var d = JsonSerializer.Deserialize(Discovery, TaxiiJsonContext.Default.TaxiiDiscovery)!;
        Assert.Equal(3, d.ApiRoots!.Count);
        Assert.Equal("http://localhost:5000/api2/", d.Default);

        var r = JsonSerializer.Deserialize(ApiRoot, TaxiiJsonContext.Default.TaxiiApiRoot)!;
        Assert.Equal(9765625, r.MaxContentLength);
        Assert.Equal([TaxiiMediaType.Taxii21], r.Versions);

        var s = JsonSerializer.Deserialize(Status, TaxiiJsonContext.Default.TaxiiStatus)!;
        Assert.Equal((4, 1, 1, 2), (s.TotalCount, s.SuccessCount, s.FailureCount, s.PendingCount));
        Assert.Equal("Unable to process object", s.Failures![0].Message);
        Assert.Equal("relationship--045585ad-a22f-4333-af33-bfd503a683b5", s.Pendings![1].Id);

        var c = JsonSerializer.Deserialize(Collection, TaxiiJsonContext.Default.TaxiiCollection)!;
        Assert.True(c.CanRead);
        Assert.False(c.CanWrite);

        var e = JsonSerializer.Deserialize(Error, TaxiiJsonContext.Default.TaxiiError)!;
        Assert.Equal("409", e.HttpStatus);
        Assert.Equal("some other value", e.Details!["somekey2"]);
    }

    [Fact]
    public void Writes_snake_case_and_omits_absent_properties()
    {
        var status = JsonSerializer.Deserialize(Status, TaxiiJsonContext.Default.TaxiiStatus)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Status), JsonNode.Parse(JsonSerializer.Serialize(status, TaxiiJsonContext.Default.TaxiiStatus))));

        var json = JsonSerializer.Serialize(new TaxiiEnvelope(More: false), TaxiiJsonContext.Default.TaxiiEnvelope);
        Assert.Equal("{\"more\":false}", json);
        var manifest = JsonSerializer.Serialize(new TaxiiManifest(true, [new TaxiiManifestRecord("indicator--x", "2016-11-01T03:04:05Z", "2014-05-08T09:00:00.000Z", TaxiiMediaType.Stix21)]),
            TaxiiJsonContext.Wire.TaxiiManifest);
        Assert.Contains("\"date_added\":\"2016-11-01T03:04:05Z\"", manifest, StringComparison.Ordinal);
        Assert.Contains("\"media_type\":\"application/stix+json;version=2.1\"", manifest, StringComparison.Ordinal);
        Assert.Contains("\\u002B", JsonSerializer.Serialize(new TaxiiCollection("c", "t", true, false, MediaTypes: [TaxiiMediaType.Stix21]), TaxiiJsonContext.Default.TaxiiCollection), StringComparison.Ordinal);
    }
}
