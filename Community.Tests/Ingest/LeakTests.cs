using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Community.Ingest;
using Community.Membership;
using Community.Tests.Infrastructure;
using Cti.Stix;

namespace Community.Tests.Ingest;

/// <summary>
/// ITU-T X.1382 §7.3 desensitisation at scale: 10,000 generated anomaly summaries, most salted
/// with VINs, number plates, IMEIs, precise positions and personal names; half go to a collection
/// that rejects such data, half to one that scrubs it. Afterwards no generated secret, no VIN with
/// a valid check digit and no coordinate finer than the policy is found anywhere in the database
/// or in anything the hub returns.
/// </summary>
public abstract partial class LeakTests : HubTestBase
{
    private const int Summaries = 10_000;
    private const int PerEnvelope = 250;

    protected override Hosting.HubOptions Options => base.Options with { MaxContentLengthBytes = 4 * 1024 * 1024 };

    [Fact]
    public async Task Ten_thousand_summaries_leave_no_identifying_data_stored_or_returned()
    {
        await AddOrganisationAsync("oem", OrganisationRole.Automaker);
        var reject = await AddCollectionAsync("reject", desensitisation: "reject", defaultTlp: "green");
        var scrub = await AddCollectionAsync("scrub", desensitisation: "scrub", defaultTlp: "green");
        await JoinAsync("oem", reject.Id, read: true, write: true);
        await JoinAsync("oem", scrub.Id, read: true, write: true);
        using var oem = Client("oem");

        var generator = new LeakGenerator();
        var dirty = new Dictionary<string, bool>(StringComparer.Ordinal);
        var rejectedIds = new HashSet<string>(StringComparer.Ordinal);
        var acceptedIds = new HashSet<string>(StringComparer.Ordinal);
        var scrubFailures = new List<string>();
        for (var start = 0; start < Summaries; start += PerEnvelope)
        {
            var envelope = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            for (var n = start; n < start + PerEnvelope; n++)
            {
                var (objects, isDirty) = generator.Next(n);
                foreach (var o in objects)
                {
                    envelope.TryAdd((string)o["id"]!, o);
                }

                dirty[(string)objects[^1]["id"]!] = isDirty;
            }

            var collection = start < Summaries / 2 ? reject : scrub;
            var status = await PostAsync(oem, collection.Id, envelope.Values);
            foreach (var f in status.Failures ?? [])
            {
                if (collection == reject)
                {
                    rejectedIds.Add(f.Id);
                }
                else
                {
                    scrubFailures.Add($"{f.Id}: {f.Message}");
                }
            }

            foreach (var s in (status.Successes ?? []).Where(s => s.Id.StartsWith("observed-data--", StringComparison.Ordinal)))
            {
                acceptedIds.Add(s.Id);
            }
        }

        // Reject mode refused exactly the salted summaries; scrub mode kept everything.
        var expectedRejected = dirty.Where(p => p.Value).Select(p => p.Key).Where(id => acceptedIds.Contains(id) || rejectedIds.Contains(id)).ToHashSet();
        var rejectedSummaries = rejectedIds.Where(id => id.StartsWith("observed-data--", StringComparison.Ordinal)).ToHashSet();
        Assert.True(dirty.Count(p => p.Value) > Summaries / 2, "the generator salted most summaries");
        Assert.Empty(scrubFailures);
        Assert.Equal(expectedRejected.Where(rejectedSummaries.Contains).Count(), rejectedSummaries.Count);
        Assert.All(rejectedSummaries, id => Assert.True(dirty[id], id + " was clean but refused"));
        Assert.Equal(dirty.Take(Summaries / 2).Count(p => p.Value), rejectedSummaries.Count);

        // Nothing stored anywhere in the database.
        var stored = await AllStoredTextAsync();
        AssertNoSecrets("stored", stored, generator.Secrets);

        // Nothing returned.
        var returned = new List<string>();
        foreach (var c in (string[])[reject.Id, scrub.Id])
        {
            returned.AddRange((await ReadAllAsync(oem, c, "&match[version]=all")).Select(o => o.ToJsonString()));
        }

        Assert.True(returned.Count > Summaries / 2);
        AssertNoSecrets("returned", returned, generator.Secrets);
        foreach (var text in returned)
        {
            AssertCoarse(JsonNode.Parse(text)!, text);
        }
    }

    // JSON is scanned decoded (strings and property names), so no escaping can hide a secret.
    private static IEnumerable<string> Decoded(List<string> texts)
    {
        foreach (var text in texts)
        {
            var trimmed = text.TrimStart();
            if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
            {
                var strings = new List<string>();
                Collect(JsonNode.Parse(text), strings);
                foreach (var s in strings)
                {
                    yield return s;
                }
            }
            else
            {
                yield return text;
            }
        }
    }

    private static void Collect(JsonNode? node, List<string> into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    into.Add(key);
                    Collect(value, into);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Collect(item, into);
                }

                break;
            case JsonValue v:
                into.Add(v.ToJsonString(Cti.Stix.StixJson.NodeOptions).Trim('"'));
                if (v.TryGetValue<string>(out var s))
                {
                    into.Add(s);
                }

                break;
        }
    }

    private static void AssertNoSecrets(string where, List<string> texts, HashSet<string> secrets)
    {
        var leaks = new List<string>();
        foreach (var text in Decoded(texts))
        {
            foreach (Match m in CandidateRegex().Matches(text))
            {
                if (secrets.Contains(m.Value) || (m.Value.Length == 17 && Desensitiser.VinCheckDigitValid(m.Value.ToUpperInvariant())))
                {
                    leaks.Add(m.Value);
                }
            }

            foreach (var name in LeakGenerator.Names)
            {
                if (text.Contains(name, StringComparison.Ordinal))
                {
                    leaks.Add(name);
                }
            }
        }

        Assert.True(leaks.Count == 0, $"{where}: {leaks.Count} leaks, e.g. {string.Join(", ", leaks.Distinct().Take(10))}");
    }

    private static void AssertCoarse(JsonNode node, string context)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key is "latitude" or "longitude" && value is JsonValue v && JsonNumbers.TryGetDouble(v, out var d))
                    {
                        Assert.True(Math.Round(d, 2) == d, $"{key} {d.ToString(CultureInfo.InvariantCulture)} finer than the policy in {context[..Math.Min(200, context.Length)]}");
                    }

                    if (value is not null)
                    {
                        AssertCoarse(value, context);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a.OfType<JsonNode>())
                {
                    AssertCoarse(item, context);
                }

                break;
        }
    }

    // VIN-shaped tokens, plates of the generated formats, IMEI-length digit runs, 6-decimal coordinates.
    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-HJ-NPR-Za-hj-npr-z0-9]{17}(?![A-Za-z0-9])|[A-Z]{2}[0-9]{2} [A-Z]{3}|[A-Z]{2}-[0-9]{3}-[A-Z]{2}|M-[A-Z]{2} [0-9]{4}|[A-Z]{2} [0-9]{3} [A-Z]{2}|京[A-Z][0-9]{5}|(?<![A-Za-z0-9])[0-9][A-Z]{3}[0-9]{3}(?![A-Za-z0-9])|(?<![0-9])[0-9]{15}(?![0-9])|-?[0-9]{1,3}\.[0-9]{6}")]
    private static partial Regex CandidateRegex();
}

public sealed class LeakTestsOnSqlite : LeakTests
{
    protected override IStoreProvider CreateProvider() => new SqliteStoreProvider();
}

public sealed class LeakTestsOnPostgres : LeakTests
{
    protected override IStoreProvider CreateProvider() => new PostgresStoreProvider();
}
