using System.Text.Json.Nodes;
using Community.Analysis;
using Community.Hosting;
using Community.Membership;
using Community.Storage;
using Cti.Sharing;
using Cti.Stix;

namespace Community.Tests.Analysis;

public class ValueScorerTests
{
    private static readonly long Now = StixTimestamp.ToMicroseconds(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly ValueScorer Scorer = new(new ValuationOptions());

    private static StoredObject Obj(double completeness = 0.5, long ageDays = 0, long vehicles = 0, int? confidence = null, string[]? makes = null, string[]? models = null) => new()
    {
        CollectionId = "c",
        StixId = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
        StixType = "indicator",
        Producer = "oem",
        Completeness = completeness,
        Corroboration = vehicles,
        Confidence = confidence,
        Makes = makes ?? [],
        Models = models ?? [],
        ProducedUs = Now - (ageDays * 86_400_000_000L),
        Body = "{}",
    };

    private static readonly Organisation Producer = new() { Id = "oem", Name = "OEM", Reputation = 0.8 };
    private static readonly Organisation Reader = new() { Id = "r", Name = "R", Makes = ["Acme"], Models = ["Roadster"] };

    [Theory]
    [InlineData("reader's model", new[] { "acme" }, new[] { "roadster" }, 1.0)]
    [InlineData("reader's make, other model", new[] { "acme" }, new[] { "van" }, 0.8)]
    [InlineData("other products", new[] { "zenith" }, new[] { "van" }, 0.0)]
    [InlineData("no product named", new string[0], new string[0], 0.3)]
    public void Relevance_follows_appendix_ii_d(string name, string[] makes, string[] models, double expected)
    {
        Assert.Equal(expected, ValueScorer.Relevance(Obj(makes: makes, models: models), Reader));
        Assert.NotEmpty(name);
    }

    [Fact]
    public void Every_factor_moves_the_score_the_right_way()
    {
        var baseline = Scorer.Score(Obj(), Producer, Reader, Now, "hub");
        Assert.True(Scorer.Score(Obj(ageDays: 14), Producer, Reader, Now, "hub") < baseline, "older is worth less (timeliness)");
        Assert.True(Scorer.Score(Obj(completeness: 1), Producer, Reader, Now, "hub") > baseline, "more complete is worth more");
        Assert.True(Scorer.Score(Obj(makes: ["acme"], models: ["roadster"]), Producer, Reader, Now, "hub") > baseline, "relevant is worth more");
        Assert.True(Scorer.Score(Obj(vehicles: 1000), Producer, Reader, Now, "hub") > baseline, "corroborated is worth more");
        Assert.True(Scorer.Score(Obj(), Producer with { Reputation = 0.1 }, Reader, Now, "hub") < baseline, "a poor reputation is worth less");
        Assert.InRange(baseline, 0, 100);
    }

    [Fact]
    public void Timeliness_halves_each_half_life()
    {
        var options = new ValuationOptions { ReputationWeight = 0, CompletenessWeight = 0, RelevanceWeight = 0, EffectivenessWeight = 0 };
        var scorer = new ValueScorer(options);
        Assert.Equal(100, scorer.Score(Obj(), Producer, Reader, Now, "hub"));
        Assert.Equal(50, scorer.Score(Obj(ageDays: 7), Producer, Reader, Now, "hub"));
        Assert.Equal(25, scorer.Score(Obj(ageDays: 14), Producer, Reader, Now, "hub"));
    }

    [Theory]
    [InlineData("indicator with every context property", """{"type":"indicator","name":"n","description":"d","created_by_ref":"identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","external_references":[],"labels":[],"confidence":1,"object_marking_refs":[],"indicator_types":[],"kill_chain_phases":[],"valid_until":"x","pattern_version":"2.1"}""", 1.0)]
    [InlineData("bare indicator", """{"type":"indicator"}""", 0.0)]
    [InlineData("half", """{"type":"vulnerability","name":"n","description":"d","labels":[],"confidence":1}""", 4.0 / 7)]
    public void Completeness_is_the_share_of_context_present(string name, string json, double expected)
    {
        Assert.Equal(expected, ValueScorer.Completeness(JsonNode.Parse(json)!.AsObject()), 6);
        Assert.NotEmpty(name);
    }

    [Fact]
    public void Anomaly_summaries_count_their_extension_context()
    {
        var full = Infrastructure.Stix.Summary(1).ToStixObjects()[^1];
        var bare = Infrastructure.Stix.Summary(1) with { Supplier = null, Ecu = null, Evidence = null, Location = null };
        Assert.True(ValueScorer.Completeness(full) > ValueScorer.Completeness(bare.ToStixObjects()[^1]));
        Assert.True(AnomalyExtension.TryRead(full, out _));
    }
}
