using System.Net;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Policy;
using Hardware.Storage;
using Testing;

namespace Firmware.Tests.Upstream.IndicatorRules;

/// <summary>
/// The deployed rule set: persisted with one atomic write per update, versioned by the indicator's
/// modified time, bounded, and unchanged after any refused update.
/// </summary>
public sealed class IndicatorRuleSetTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = TestInfra.NewTempDirectory("rules");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private FileDurableStore Store() => new(_dir);

    private static IndicatorEntry Entry(int n, DateTimeOffset? modified = null, DateTimeOffset? until = null, int rules = 1) =>
        new(new Guid($"00000000-0000-4000-8000-{n:x12}"), modified ?? Now.AddDays(-1), Now.AddDays(-1), until,
            Enumerable.Range(0, rules).Select(i => IndicatorRule.ProcessName($"p{n}-{i}")).ToList());

    [Fact]
    public void Rules_survive_a_restart_and_each_change_raises_the_revision()
    {
        var set = new IndicatorRuleSet(Store());
        Assert.Equal(0u, set.Revision);
        var state = set.Apply(new IndicatorRuleUpdate([Entry(1), Entry(2)], []), Now);
        Assert.Equal(new IndicatorRuleSetState(1, 2, 2, 0), state);

        var reloaded = new IndicatorRuleSet(Store());
        Assert.Equal(1u, reloaded.Revision);
        Assert.Equal([Entry(1).StixId, Entry(2).StixId], reloaded.Entries.Select(e => e.StixId));
        Assert.Equal(new IndicatorRuleSetState(2, 1, 1, 0), reloaded.Apply(new IndicatorRuleUpdate([], [Entry(1).IndicatorId]), Now));
        Assert.Equal([Entry(2).StixId], new IndicatorRuleSet(Store()).Entries.Select(e => e.StixId));
    }

    public static TheoryData<string, DateTimeOffset, uint, string> Versions => new()
    {
        { "a newer version replaces", Now, 2, "p1-0,p1-1" },
        { "the same version again changes nothing", Now.AddDays(-1), 1, "p1-0" },
        { "an older version is ignored and counted", Now.AddDays(-2), 1, "p1-0" },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void Versions_are_ordered_by_modified(string name, DateTimeOffset modified, uint revision, string rules)
    {
        var set = new IndicatorRuleSet(Store());
        set.Apply(new IndicatorRuleUpdate([Entry(1)], []), Now);
        var state = set.Apply(new IndicatorRuleUpdate([Entry(1, modified, rules: 2)], []), Now);
        Assert.True(revision == state.Revision, name);
        Assert.Equal(modified < Now.AddDays(-1) ? 1 : 0, state.IgnoredStale);
        Assert.Equal(rules, string.Join(",", Assert.Single(set.Entries).Rules.Select(r => r.Value)));
    }

    public static TheoryData<string, int, int> TooMuch => new()
    {
        { "65 indicators", IndicatorRuleSet.MaxIndicators + 1, 1 },
        { "257 rules", 17, 16 },
    };

    [Theory]
    [MemberData(nameof(TooMuch))]
    public void An_update_over_the_bounds_is_refused_and_changes_nothing(string name, int indicators, int rulesEach)
    {
        var store = Store();
        var set = new IndicatorRuleSet(store);
        set.Apply(new IndicatorRuleUpdate([Entry(1000)], []), Now);
        var before = store.Read(IndicatorRuleSet.StoreKey);
        var e = Assert.Throws<PartitionException>(() => set.Apply(new IndicatorRuleUpdate(Enumerable.Range(1, indicators).Select(i => Entry(i, rules: rulesEach)).ToList(), []), Now));
        Assert.True(e.Error == PartitionError.NotPermitted, name);
        Assert.Equal(1u, set.Revision);
        Assert.Equal([Entry(1000).StixId], set.Entries.Select(x => x.StixId));
        Assert.Equal(before, store.Read(IndicatorRuleSet.StoreKey));
    }

    [Fact]
    public void An_update_over_the_byte_budget_is_refused()
    {
        var set = new IndicatorRuleSet(Store());
        var big = Enumerable.Range(1, 40).Select(i => new IndicatorEntry(new Guid($"00000000-0000-4000-8000-{i:x12}"), Now, Now, null,
            Enumerable.Range(0, 4).Select(j => IndicatorRule.Software(new string('s', 60) + i + "-" + j, "1.0")).ToList())).ToList();
        var e = Assert.Throws<PartitionException>(() => set.Apply(new IndicatorRuleUpdate(big, []), Now));
        Assert.Contains("bytes", e.Message, StringComparison.Ordinal);
        Assert.Empty(set.Entries);
    }

    public static TheoryData<string, int, bool> Windows => new()
    {
        { "valid from tomorrow: not yet active", 1, false },
        { "valid now", 0, true },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void Only_entries_inside_their_validity_window_are_active(string name, int startsInDays, bool active)
    {
        var set = new IndicatorRuleSet(Store());
        var entry = new IndicatorEntry(Guid.NewGuid(), Now, Now.AddDays(startsInDays), Now.AddDays(10), [IndicatorRule.ProcessName("x")]);
        set.Apply(new IndicatorRuleUpdate([entry], []), Now);
        Assert.True(active == (set.ActiveAt(Now).Count == 1), name);
        Assert.Empty(set.ActiveAt(Now.AddDays(10)));
    }

    [Fact]
    public void Expired_entries_are_dropped_at_the_next_update()
    {
        var set = new IndicatorRuleSet(Store());
        set.Apply(new IndicatorRuleUpdate([Entry(1, until: Now.AddHours(1)), Entry(2)], []), Now);
        set.Apply(new IndicatorRuleUpdate([Entry(3)], []), Now.AddHours(2));
        Assert.Equal([Entry(2).StixId, Entry(3).StixId], set.Entries.Select(e => e.StixId));
    }

    [Fact]
    public void An_unreadable_record_is_a_problem_until_an_update_rewrites_it()
    {
        var store = Store();
        store.Write(IndicatorRuleSet.StoreKey, [0x01, 0x00]);
        var set = new IndicatorRuleSet(store);
        Assert.NotNull(set.Problem);
        Assert.Empty(set.Entries);
        set.Apply(new IndicatorRuleUpdate([], []), Now);
        Assert.Null(set.Problem);
        Assert.Null(new IndicatorRuleSet(store).Problem);
    }

    public static TheoryData<string, Action> CallerMistakes => new()
    {
        { "hash of 31 bytes", () => IndicatorRule.ImageHash(new byte[31]) },
        { "empty process name", () => IndicatorRule.ProcessName("") },
        { "control character", () => IndicatorRule.ProcessName("a\nb") },
        { "prefix 33", () => IndicatorRule.Peer(IPAddress.Parse("192.0.2.0"), 33) },
        { "bits past the prefix", () => IndicatorRule.Peer(IPAddress.Parse("192.0.2.1"), 24) },
        { "port 65536", () => IndicatorRule.Peer(IPAddress.Parse("192.0.2.1"), 32, 65536) },
        { "software without version", () => IndicatorRule.Software("x", "") },
    };

    [Theory]
    [MemberData(nameof(CallerMistakes))]
    public void Rules_out_of_range_are_a_callers_mistake(string name, Action make)
    {
        var e = Assert.ThrowsAny<ArgumentException>(make);
        Assert.False(string.IsNullOrEmpty(e.Message), name);
    }
}
