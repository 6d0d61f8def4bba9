using System.Net;
using System.Text.Json.Nodes;
using Cti.Sharing;
using Cti.Stix;
using Firmware.SecurePartition.Policy;
using Firmware.Upstream.ReturnPath;

namespace Firmware.Tests.Upstream.ReturnPath;

/// <summary>
/// STIX 2.1 indicators (§4.7; patterns §9) into IDF deny rules, exactly or not at all: every supported
/// pattern form gives exactly the rules it names; every other form (conjunctions of different things,
/// qualifiers, negation, other operators and objects, malformed values) is unsupported as a whole;
/// revoked and expired indicators remove; hub-merged observations, untrusted producers and malformed
/// objects are skipped. Patterns written after the STIX 2.1 specification's examples (§9.9).
/// </summary>
public sealed class IndicatorTranslatorTests
{
    private const string Cert = "identity--8ce3f695-d5a4-4dc8-9e93-a65af453a31a";
    private const string Hash = "ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IndicatorTranslator Translator = new([Cert]);

    public static TheoryData<string, string, IndicatorRule[]> Supported => new()
    {
        { "image hash (§9.9 example 1 shape)", $"[file:hashes.'SHA-256' = '{Hash}']", [IndicatorRule.ImageHash(Convert.FromHexString(Hash))] },
        { "process name", "[process:name = 'miner']", [IndicatorRule.ProcessName("miner")] },
        { "process image name", "[process:image_ref.name = 'miner']", [IndicatorRule.ProcessName("miner")] },
        { "two observations joined by OR", $"[file:hashes.'SHA-256' = '{Hash}'] OR [process:name = 'miner']",
            [IndicatorRule.ImageHash(Convert.FromHexString(Hash)), IndicatorRule.ProcessName("miner")] },
        { "comparisons joined by OR", "[process:name = 'miner' OR process:name = 'xmrig']", [IndicatorRule.ProcessName("miner"), IndicatorRule.ProcessName("xmrig")] },
        { "IN set", "[process:name IN ('miner', 'xmrig')]", [IndicatorRule.ProcessName("miner"), IndicatorRule.ProcessName("xmrig")] },
        { "IPv4 address", "[ipv4-addr:value = '198.51.100.3']", [IndicatorRule.Peer(IPAddress.Parse("198.51.100.3"), 32)] },
        { "IPv4 block (§9.9 ISSUBSET example shape)", "[ipv4-addr:value ISSUBSET '198.51.100.0/24']", [IndicatorRule.Peer(IPAddress.Parse("198.51.100.0"), 24)] },
        { "IPv6 address", "[ipv6-addr:value = '2001:db8::1']", [IndicatorRule.Peer(IPAddress.Parse("2001:db8::1"), 128)] },
        { "flow destination and port", "[network-traffic:dst_ref.value = '203.0.113.9' AND network-traffic:dst_port = 4444]",
            [IndicatorRule.Peer(IPAddress.Parse("203.0.113.9"), 32, 4444)] },
        { "software name and version", "[software:name = 'navigator' AND software:version = '2.0.1']", [IndicatorRule.Software("navigator", "2.0.1")] },
        { "the same rule twice", "[process:name = 'miner'] OR [process:name = 'miner']", [IndicatorRule.ProcessName("miner")] },
    };

    [Theory]
    [MemberData(nameof(Supported))]
    public void A_supported_pattern_gives_exactly_its_rules(string name, string pattern, IndicatorRule[] rules)
    {
        var t = Translator.Translate(Indicator(pattern), Now);
        Assert.True(t.Outcome == TranslationOutcome.Deploy, $"{name}: {t.Outcome} ({t.Reason})");
        Assert.Equal(rules, t.Entry!.Rules);
        Assert.Equal(Now.AddDays(-1), t.Entry.ValidFrom);
        Assert.Equal(Guid.Parse("6a7e2a3c-94a1-4d7f-8b0e-3c2a1d0e9f11"), t.Entry.IndicatorId);
    }

    public static TheoryData<string, string> Unsupported => new()
    {
        { "file hash AND name (a conjunction of two properties)", $"[file:hashes.'SHA-256' = '{Hash}' AND file:name = 'app']" },
        { "observations joined by AND", "[process:name = 'miner'] AND [ipv4-addr:value = '198.51.100.3']" },
        { "FOLLOWEDBY", "[process:name = 'miner'] FOLLOWEDBY [process:name = 'xmrig']" },
        { "WITHIN qualifier", "[process:name = 'miner'] WITHIN 60 SECONDS" },
        { "REPEATS qualifier", "[process:name = 'miner'] REPEATS 3 TIMES" },
        { "negation", "[process:name NOT = 'miner']" },
        { "LIKE", "[process:name LIKE 'mine%']" },
        { "MATCHES", "[process:name MATCHES '^mine']" },
        { "an object the IDF does not check", "[domain-name:value = 'evil.example']" },
        { "MD5 hash", "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4']" },
        { "a SHA-256 of 63 digits", $"[file:hashes.'SHA-256' = '{Hash[1..]}']" },
        { "a host name as the peer", "[network-traffic:dst_ref.value = 'evil.example']" },
        { "software name alone", "[software:name = 'navigator']" },
        { "a supported and an unsupported observation (never half-applied)", "[process:name = 'miner'] OR [domain-name:value = 'evil.example']" },
        { "does not parse", "[process:name = 'miner'" },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void An_unsupported_pattern_deploys_nothing(string name, string pattern)
    {
        var t = Translator.Translate(Indicator(pattern), Now);
        Assert.True(t.Outcome == TranslationOutcome.Unsupported, $"{name}: {t.Outcome} ({t.Reason})");
        Assert.Null(t.Entry);
    }

    public static TheoryData<string, Action<JsonObject>, TranslationOutcome> Lifecycle => new()
    {
        { "revoked", o => o["revoked"] = true, TranslationOutcome.Remove },
        { "expired", o => o["valid_until"] = StixTimestamp.Format(Now.AddSeconds(-1)), TranslationOutcome.Remove },
        { "valid until later", o => o["valid_until"] = StixTimestamp.Format(Now.AddDays(1)), TranslationOutcome.Deploy },
        { "valid_until before valid_from", o => o["valid_until"] = StixTimestamp.Format(Now.AddDays(-2)), TranslationOutcome.Skipped },
        { "untrusted producer", o => o["created_by_ref"] = "identity--00000000-0000-4000-8000-000000000001", TranslationOutcome.Skipped },
        { "no producer", o => o.Remove("created_by_ref"), TranslationOutcome.Skipped },
        { "merged by the hub", o => o["extensions"] = new JsonObject { [HubExtension.Id] = new JsonObject { [HubExtension.AnomalySignature] = Hash } }, TranslationOutcome.Skipped },
        { "not an indicator", o => o["type"] = "malware", TranslationOutcome.Skipped },
        { "id of another type", o => o["id"] = "malware--6a7e2a3c-94a1-4d7f-8b0e-3c2a1d0e9f11", TranslationOutcome.Skipped },
        { "no valid_from", o => o.Remove("valid_from"), TranslationOutcome.Skipped },
        { "no modified", o => { o.Remove("modified"); o.Remove("created"); }, TranslationOutcome.Skipped },
        { "pattern type snort", o => o["pattern_type"] = "snort", TranslationOutcome.Unsupported },
    };

    [Theory]
    [MemberData(nameof(Lifecycle))]
    public void Lifecycle_and_policy_decide_before_the_pattern(string name, Action<JsonObject> change, TranslationOutcome outcome)
    {
        var obj = Indicator("[process:name = 'miner']");
        change(obj);
        var t = Translator.Translate(obj, Now);
        Assert.True(t.Outcome == outcome, $"{name}: {t.Outcome} ({t.Reason})");
        Assert.Equal(outcome == TranslationOutcome.Deploy, t.Entry is not null);
    }

    [Fact]
    public void Without_trusted_producers_any_producer_is_deployed()
    {
        var obj = Indicator("[process:name = 'miner']");
        obj.Remove("created_by_ref");
        Assert.Equal(TranslationOutcome.Deploy, new IndicatorTranslator([]).Translate(obj, Now).Outcome);
    }

    private static JsonObject Indicator(string pattern) => new()
    {
        ["type"] = "indicator",
        ["spec_version"] = "2.1",
        ["id"] = "indicator--6a7e2a3c-94a1-4d7f-8b0e-3c2a1d0e9f11",
        ["created"] = StixTimestamp.Format(Now.AddDays(-1)),
        ["modified"] = StixTimestamp.Format(Now.AddDays(-1)),
        ["created_by_ref"] = Cert,
        ["pattern"] = pattern,
        ["pattern_type"] = "stix",
        ["valid_from"] = StixTimestamp.Format(Now.AddDays(-1)),
    };
}
