using System.Text.Json.Nodes;

namespace Community.Tests.Taxii;

/// <summary>Extension definitions (STIX 2.1 §7.3) are hub-wide: one organisation's definition is not redefined by another.</summary>
public abstract partial class TaxiiConformanceTests
{
    private const string DefinitionId = "extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e";

    private static JsonObject Definition(string modified, params string[] properties) => JsonNode.Parse($$"""
        {"type":"extension-definition","spec_version":"2.1","id":"{{DefinitionId}}",
         "created_by_ref":"identity--11b76a96-5d2b-45e0-8a5a-f6994f370731","created":"2024-02-20T09:16:08.000Z",
         "modified":"{{modified}}","name":"Extension Foo Bar","schema":"https://www.example.com/schema-foo-1/v1/",
         "version":"1.2.1","extension_types":["toplevel-property-extension"],"extension_properties":[{{string.Join(",", properties.Select(p => $"\"{p}\""))}}]}
        """)!.AsObject();

    public static TheoryData<string, string, bool> RedefinitionRows => new()
    {
        // A member of another collection used to replace the definition hub-wide, changing what every collection accepts.
        { "another organisation in another collection", "tier1", false },
        { "the producer itself in another collection", "oem", true },
    };

    [Theory]
    [MemberData(nameof(RedefinitionRows))]
    public async Task An_extension_definition_is_redefined_only_by_its_producer(string name, string poster, bool accepted)
    {
        await SetUpAsync();
        var other = await AddCollectionAsync("other");
        await JoinAsync("oem", other.Id, read: true, write: true);
        await JoinAsync("tier1", other.Id, read: true, write: true);
        using var oem = Client("oem");
        var first = await PostAsync(oem, _collection, [Definition("2024-02-20T09:16:08.000Z", "toxicity")]);
        Assert.True(first.SuccessCount == 1, $"{name}: {first.Failures?.FirstOrDefault()?.Message}");
        Assert.True(Hub.Core.Extensions.TryGet(DefinitionId, out var before), name);

        using var client = Client(poster);
        var second = await PostAsync(client, other.Id, [Definition("2024-03-20T09:16:08.000Z", "toxicity", "rank")]);

        Assert.True(Hub.Core.Extensions.TryGet(DefinitionId, out var after), name);
        if (accepted)
        {
            Assert.True(second.SuccessCount == 1, $"{name}: {second.Failures?.FirstOrDefault()?.Message}");
            Assert.True(after.TopLevelProperties.SetEquals(["toxicity", "rank"]), name);
        }
        else
        {
            Assert.True(second.FailureCount == 1, name);
            Assert.Contains("another organisation", second.Failures![0].Message, StringComparison.Ordinal);
            Assert.Same(before, after);
            Assert.Empty(await ReadAllAsync(client, other.Id));
        }
    }
}
