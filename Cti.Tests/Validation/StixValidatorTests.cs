using System.Text.Json.Nodes;
using Cti.Validation;

namespace Cti.Tests.Validation;

public class StixValidatorTests
{
    private readonly StixValidator _validator = new(CreateRegistry());

    public static TheoryData<string> ValidSamples => new(StixSamples.Names);

    // (row name, sample, property to change, new JSON value or null to remove, JSON path of the expected error)
    public static TheoryData<string, string, string, string?, string> Invalid => new()
    {
        { "type missing", "indicator", "type", null, "$.type" },
        { "id of another type (§2.9)", "indicator", "id", "\"malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"", "$.id" },
        { "id malformed (§2.9)", "indicator", "id", "\"indicator--1\"", "$.id" },
        { "spec_version 2.0 refused", "indicator", "spec_version", "\"2.0\"", "$.spec_version" },
        { "spec_version missing on an SDO (§3.2)", "indicator", "spec_version", null, "$.spec_version" },
        { "created malformed (§3.2)", "indicator", "created", "\"2016-04-06 20:03:48\"", "$.created" },
        { "modified before created (§3.2)", "indicator", "modified", "\"2016-04-06T20:03:47.999Z\"", "$.modified" },
        { "pattern missing (§4.7)", "indicator", "pattern", null, "$.pattern" },
        { "pattern syntax error (§9)", "indicator", "pattern", "\"[file:size = ]\"", "$.pattern" },
        { "pattern hash of wrong length", "indicator", "pattern", "\"[file:hashes.'SHA-256' = 'f00']\"", "$.pattern" },
        { "valid_until not after valid_from (§4.7)", "indicator", "valid_until", "\"2016-01-01T00:00:00Z\"", "$.valid_until" },
        { "custom property without extension (§7.3)", "indicator", "x_foo", "\"bar\"", "$.x_foo" },
        { "confidence over 100 (§3.2)", "indicator", "confidence", "101", "$.confidence" },
        { "empty labels list", "indicator", "labels", "[]", "$.labels" },
        { "marking ref to an identity", "indicator", "object_marking_refs", "[\"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff\"]", "$.object_marking_refs[0]" },
        { "created_by_ref to a malware", "indicator", "created_by_ref", "\"malware--ae560258-a5cb-4be8-8f05-013d6712295f\"", "$.created_by_ref" },
        { "unknown extension definition (§7.3)", "indicator", "extensions", "{\"extension-definition--2b6d7c8a-1b7e-4f4e-9e3c-5a2f0d7e6c11\":{\"extension_type\":\"property-extension\",\"a\":1}}", "$.extensions['extension-definition--2b6d7c8a-1b7e-4f4e-9e3c-5a2f0d7e6c11']" },
        { "null value (§3.1)", "identity", "description", "null", "$.description" },
        { "identity without name (§4.5)", "identity", "name", null, "$.name" },
        { "relationship_type with capitals (§5.1)", "relationship", "relationship_type", "\"Attributed-To\"", "$.relationship_type" },
        { "relationship stop_time before start_time", "relationship", "stop_time", "\"2000-01-01T00:00:00Z\"", "$.stop_time" },
        { "sighting of an SCO (§5.2)", "sighting", "sighting_of_ref", "\"file--7af1312c-4402-5d2f-b169-b118d73b85c4\"", "$.sighting_of_ref" },
        { "sighting count negative", "sighting", "count", "-1", "$.count" },
        { "sighting last_seen before first_seen", "sighting", "last_seen", "\"2017-02-28T19:07:24.855Z\"", "$.last_seen" },
        { "observed-data number_observed 0 (§4.14)", "observed-data", "number_observed", "0", "$.number_observed" },
        { "observed-data deprecated objects (§4.14)", "observed-data", "objects", "{\"0\":{\"type\":\"file\",\"name\":\"x\"}}", "$.objects" },
        { "observed-data referencing an SDO", "observed-data", "object_refs", "[\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"]", "$.object_refs" },
        { "malware family without name (§4.11)", "malware", "is_family", "true", "$.name" },
        { "malware without is_family (§4.11)", "malware", "is_family", null, "$.is_family" },
        { "report without published (§4.16)", "report", "published", null, "$.published" },
        { "report with empty object_refs", "report", "object_refs", "[]", "$.object_refs" },
        { "vulnerability external reference without source_name", "vulnerability", "external_references", "[{\"external_id\":\"CVE-1\"}]", "$.external_references[0].source_name" },
        { "kill chain phase without phase_name", "attack-pattern", "kill_chain_phases", "[{\"kill_chain_name\":\"x\"}]", "$.kill_chain_phases[0].phase_name" },
        { "note without content (§4.13)", "note", "content", null, "$.content" },
        { "grouping without context (§4.4)", "grouping", "context", null, "$.context" },
        { "file without hashes or name (§6.7)", "file", "name", null, "$" },
        { "file MD5 of wrong length", "file", "hashes", "{\"MD5\":\"abc\"}", "$.hashes.MD5" },
        { "software without name (§6.14)", "software", "name", null, "$.name" },
        { "ipv4 value not an address (§6.8)", "ipv4-addr", "value", "\"198.51.100.300\"", "$.value" },
        { "ipv4 CIDR prefix 33", "ipv4-addr", "value", "\"198.51.100.0/33\"", "$.value" },
        { "network-traffic port 65536 (§6.12)", "network-traffic", "dst_port", "65536", "$.dst_port" },
        { "network-traffic without refs (§6.12)", "network-traffic", "dst_ref", null, "$" },
        { "process with a name (removed in 2.1)", "process", "name", "\"evil\"", "$.name" },
        { "SCO spec_version 2.0", "file", "spec_version", "\"2.0\"", "$.spec_version" },
        { "unknown SCO extension name", "file", "extensions", "{\"x-ext\":{\"a\":1}}", "$.extensions['x-ext']" },
        { "TLP 2.0 marking with mismatched level", "marking-definition", "extensions", "{\"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"red\"}}", "$.extensions" },
        { "marking-definition with modified (§7.2)", "marking-definition", "modified", "\"2022-10-01T00:00:00.000Z\"", "$.modified" },
        { "TLP 1.0 definition under a non-predefined id", "statement", "definition_type", "\"tlp\"", "$" },
        { "statement marking without statement", "statement", "definition", "{}", "$.definition.statement" },
        { "extension definition without schema (§7.3)", "extension-definition", "schema", null, "$.schema" },
        { "extension definition with unknown type", "extension-definition", "extension_types", "[\"new-thing\"]", "$.extension_types" },
        { "toplevel extension without extension_properties", "extension-definition", "extension_properties", null, "$.extension_properties" },
    };

    [Theory]
    [MemberData(nameof(ValidSamples))]
    public void Accepts_valid_samples(string sample)
    {
        var errors = _validator.Validate(StixSamples.Get(sample));
        Assert.True(errors.Count == 0, string.Join("; ", errors));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_invalid_objects_naming_the_property(string name, string sample, string property, string? value, string expectedPath)
    {
        var obj = StixSamples.Get(sample);
        if (value is null)
        {
            obj.Remove(property);
        }
        else
        {
            obj[property] = JsonNode.Parse(value);
        }

        var before = obj.ToJsonString();
        var errors = _validator.Validate(obj);
        Assert.True(errors.Any(e => e.Path == expectedPath), $"{name}: expected an error at {expectedPath}, got: {string.Join("; ", errors)}");
        Assert.Equal(before, obj.ToJsonString());
    }

    [Fact]
    public void Rejects_the_oasis_tlp2_example_relationship_with_its_malformed_created()
    {
        // OASIS cti-stix-common-objects tlp-2.0/examples/using-tlp2.0-green.json as published ("2022-101-27").
        var obj = StixSamples.Get("relationship");
        obj["created"] = "2022-101-27T13:49:54.326Z";
        Assert.Contains(_validator.Validate(obj), e => e.Path == "$.created");
    }

    [Fact]
    public void Accepts_custom_content_only_through_a_registered_extension_definition()
    {
        var registry = CreateRegistry();
        var validator = new StixValidator(registry);
        var definition = StixSamples.Get("extension-definition");
        var indicator = StixSamples.Get("indicator");
        indicator["toxicity"] = 8;
        indicator["rank"] = 3;
        indicator["extensions"] = new JsonObject
        {
            [definition["id"]!.GetValue<string>()] = new JsonObject { ["extension_type"] = "toplevel-property-extension" },
        };

        Assert.NotEmpty(validator.Validate(indicator));
        Assert.Empty(validator.Validate(definition));
        registry.RegisterFrom(definition);
        Assert.Empty(validator.Validate(indicator));

        indicator["colour"] = "red";
        Assert.Contains(validator.Validate(indicator), e => e.Path == "$.colour");
    }

    [Fact]
    public void Accepts_a_custom_type_declared_by_a_new_sdo_extension()
    {
        var registry = CreateRegistry();
        var validator = new StixValidator(registry);
        var definition = StixSamples.Get("extension-definition");
        definition["extension_types"] = new JsonArray("new-sdo");
        definition.Remove("extension_properties");
        registry.RegisterFrom(definition);
        var custom = JsonNode.Parse("""
            {"type":"x-vehicle-campaign","spec_version":"2.1","id":"x-vehicle-campaign--1621d4d4-b67d-11e3-9670-f01faf20d111",
             "created":"2022-10-27T13:49:54.326Z","modified":"2022-10-27T13:49:54.326Z","target_model":"A",
             "extensions":{"extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e":{"extension_type":"new-sdo"}}}
            """)!.AsObject();
        Assert.Empty(validator.Validate(custom));

        custom.Remove("extensions");
        Assert.Contains(validator.Validate(custom), e => e.Path == "$.type");
    }

    public static TheoryData<string, string, bool> RedefinitionRows => new()
    {
        { "by its producer", "org-a", true },
        { "by another producer", "org-b", false },
    };

    [Theory]
    [MemberData(nameof(RedefinitionRows))]
    public void A_definition_is_redefined_only_by_the_producer_that_registered_it(string name, string producer, bool replaced)
    {
        var registry = CreateRegistry();
        var definition = StixSamples.Get("extension-definition");
        var id = definition["id"]!.GetValue<string>();
        Assert.True(registry.RegisterFrom(definition, "org-a"), name);
        registry.TryGet(id, out var before);

        Assert.True(replaced == registry.MayDefine(id, producer), name);
        var redefinition = StixSamples.Get("extension-definition");
        redefinition["extension_properties"] = new JsonArray("colour");
        Assert.True(replaced == registry.RegisterFrom(redefinition, producer), name);

        registry.TryGet(id, out var after);
        Assert.True(replaced == after.TopLevelProperties.Contains("colour"), name);
        Assert.True(replaced != ReferenceEquals(before, after), name);
    }

    [Fact]
    public void A_built_in_definition_is_never_replaced()
    {
        var registry = CreateRegistry();
        var definition = StixSamples.Get("extension-definition");
        definition["id"] = Cti.Sharing.AnomalyExtension.Info.Id;
        Assert.False(registry.RegisterFrom(definition, "org-a"));
        Assert.True(registry.TryGet(Cti.Sharing.AnomalyExtension.Info.Id, out var kept));
        Assert.NotNull(kept.ValueValidator);
    }

    private static ExtensionRegistry CreateRegistry() => ExtensionRegistry.CreateDefault();
}
