using System.Text.Json.Nodes;
using Cti.Stix;

namespace Cti.Tests.Stix;

public class StixIdTests
{
    public static TheoryData<string, string> Valid => new()
    {
        { "STIX 2.1 §4.7 indicator example", "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f" },
        { "TLP 2.0 marking (OASIS)", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003" },
        { "UUIDv1 as in the OASIS TLP 2.0 examples", "identity--1621d4d4-b67d-11e3-9670-f01faf20d111" },
        { "deterministic SCO (UUIDv5)", "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4" },
        { "upper-case hex accepted (OASIS identifier.json pattern)", "file--7AF1312C-4402-5D2F-B169-B118D73B85C4" },
    };

    public static TheoryData<string, string> Invalid => new()
    {
        { "single hyphen", "indicator-8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f" },
        { "type upper case", "Indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f" },
        { "type too short", "ab--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f" },
        { "type ends with hyphen", "bad---8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f" },
        { "UUID version 0", "indicator--8e2e2d2b-17d4-0cbf-938f-98ee46b3cd3f" },
        { "UUID NCS variant", "indicator--8e2e2d2b-17d4-4cbf-738f-98ee46b3cd3f" },
        { "nil UUID", "indicator--00000000-0000-0000-0000-000000000000" },
        { "UUID without hyphens", "indicator--8e2e2d2b17d44cbf938f98ee46b3cd3f" },
        { "braces", "indicator--{8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f}" },
        { "not hex", "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cdzz" },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parses_valid_identifiers(string name, string text)
    {
        Assert.True(StixId.TryParse(text, out var id), name);
        Assert.Equal(text, id.ToString(), ignoreCase: true);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_malformed_identifiers(string name, string text)
    {
        Assert.False(StixId.TryParse(text, out _), name);
        Assert.Throws<StixFormatException>(() => StixId.Parse(text));
    }

    [Fact]
    public void Uuid5_matches_the_rfc9562_known_answer()
    {
        // RFC 9562 Appendix A.4: UUIDv5, DNS namespace, name "www.example.com".
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), StixId.Uuid5(dns, "www.example.com"));
    }

    // Expected values computed independently with CPython 3: uuid.uuid5(UUID('00abedb4-aa42-466c-9c01-fed23315a9b7'),
    // json.dumps(props, sort_keys=True, separators=(',', ':'), ensure_ascii=False)), STIX 2.1 §2.9.
    public static TheoryData<string, string, string, string> Deterministic => new()
    {
        { "ipv4-addr value", "ipv4-addr", """{"value":"198.51.100.3"}""", "28bb3599-77cd-5a82-a950-b5bc3caf07c4" },
        { "file name", "file", """{"name":"foo.exe"}""", "7af1312c-4402-5d2f-b169-b118d73b85c4" },
        { "file hash and name, keys reordered", "file", """{"name":"dropper.bin","hashes":{"SHA-256":"4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877"}}""", "71ece99f-cc28-560e-beea-014c2a9ada3f" },
        { "software", "software", """{"version":"2002","vendor":"Microsoft","name":"Word"}""", "c616478f-891e-5ddb-bb5c-f6d497d2a513" },
        { "network-traffic with a number and a list", "network-traffic", """{"protocols":["tcp"],"dst_ref":"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4","dst_port":443}""", "068a4b54-d696-5b35-a085-8122d7f6fab1" },
        { "network-traffic with both ports (src_port 0)", "network-traffic", """{"protocols":["tcp"],"dst_ref":"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4","dst_port":443,"src_port":0}""", "72c73147-94c6-5786-b1cc-86afd8a1ce27" },
        { "non-ASCII name stays literal", "file", """{"name":"café.txt"}""", "110e44e8-508e-55f9-ad37-207025a3d7ee" },
    };

    // Whole objects: only the ID contributing properties of STIX 2.1 §6 count, and of several hashes the first of
    // MD5, SHA-1, SHA-256, SHA-512 (§2.9). Expected values from CPython 3 as above.
    public static TheoryData<string, string, string?> WholeObservables => new()
    {
        { "ipv4-addr with spec_version and a marking", """{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--x","value":"198.51.100.3","object_marking_refs":["marking-definition--x"]}""", "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4" },
        { "file with two hashes (MD5 chosen) and a size", """{"type":"file","id":"file--x","name":"x.bin","size":10,"hashes":{"SHA-256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","MD5":"d41d8cd98f00b204e9800998ecf8427e"}}""", "file--c0b00e7b-4afc-5909-8ad5-6701d87777d9" },
        { "process has none", """{"type":"process","id":"process--x","pid":1}""", null },
        { "unknown type", """{"type":"x-thing","id":"x-thing--x","value":"1"}""", null },
    };

    [Theory]
    [MemberData(nameof(WholeObservables))]
    public void Computes_the_deterministic_id_of_a_whole_observable(string name, string json, string? expected)
    {
        Assert.True(expected == ObservableIds.Compute(JsonNode.Parse(json)!.AsObject())?.ToString(), name);
    }

    [Theory]
    [MemberData(nameof(Deterministic))]
    public void Deterministic_observable_ids_match_an_independent_implementation(string name, string type, string json, string uuid)
    {
        var id = StixId.ForObservable(type, JsonNode.Parse(json)!.AsObject());
        Assert.Equal($"{type}--{uuid}", id.ToString());
        Assert.NotEmpty(name);
    }

    [Theory]
    [InlineData("upper case", "Indicator")]
    [InlineData("double hyphen", "x--y")]
    [InlineData("too short", "ab")]
    public void Create_refuses_a_bad_type_as_a_callers_mistake(string name, string type)
    {
        Assert.Throws<ArgumentException>(() => StixId.Create(type, Guid.Parse("8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")));
        Assert.NotEmpty(name);
    }
}
