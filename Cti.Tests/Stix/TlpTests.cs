using Cti.Stix;
using Cti.Validation;

namespace Cti.Tests.Stix;

public class TlpTests
{
    // Ids: TLP 1.0 from STIX 2.1 §7.2.1.4; TLP 2.0 from OASIS cti-stix-common-objects
    // extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.json.
    public static TheoryData<string, string, TlpLevel> Markings => new()
    {
        { "TLP 2.0 CLEAR", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", TlpLevel.Clear },
        { "TLP 2.0 GREEN", "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", TlpLevel.Green },
        { "TLP 2.0 AMBER", "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", TlpLevel.Amber },
        { "TLP 2.0 AMBER+STRICT", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", TlpLevel.AmberStrict },
        { "TLP 2.0 RED", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", TlpLevel.Red },
        { "TLP 1.0 WHITE is CLEAR", "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", TlpLevel.Clear },
        { "TLP 1.0 GREEN", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", TlpLevel.Green },
        { "TLP 1.0 AMBER", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", TlpLevel.Amber },
        { "TLP 1.0 RED", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", TlpLevel.Red },
    };

    [Theory]
    [MemberData(nameof(Markings))]
    public void Maps_published_marking_ids_to_levels(string name, string id, TlpLevel level)
    {
        Assert.True(Tlp.TryGetLevel(id, out var actual), name);
        Assert.Equal(level, actual);
    }

    [Theory]
    [InlineData(TlpLevel.Clear)]
    [InlineData(TlpLevel.Green)]
    [InlineData(TlpLevel.Amber)]
    [InlineData(TlpLevel.AmberStrict)]
    [InlineData(TlpLevel.Red)]
    public void Builds_tlp2_marking_definitions_that_validate(TlpLevel level)
    {
        var marking = Tlp.MarkingDefinition(level);
        Assert.Empty(new StixValidator(ExtensionRegistry.CreateDefault()).Validate(marking));
        Assert.Equal(Tlp.MarkingId(level), marking["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("none", new string[0], null)]
    [InlineData("non-TLP marking ignored", new[] { "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41db" }, null)]
    [InlineData("GREEN and AMBER+STRICT", new[] { "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003" }, TlpLevel.AmberStrict)]
    [InlineData("TLP 1.0 RED and 2.0 CLEAR", new[] { "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487" }, TlpLevel.Red)]
    public void Picks_the_most_restrictive_level(string name, string[] refs, TlpLevel? expected)
    {
        Assert.Equal(expected, Tlp.MostRestrictive(refs));
        Assert.NotEmpty(name);
    }
}
