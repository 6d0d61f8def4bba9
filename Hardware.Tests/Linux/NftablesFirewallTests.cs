using System.Text.Json;
using Hardware.Linux;

namespace Hardware.Tests.Linux;

/// <summary>The JSON of `nft -j list table` (libnftables-json(5); this capture from nft 1.0.6 on Debian 12) to named rule counters.</summary>
public sealed class NftablesFirewallTests
{
    private const string Capture = """
        {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}},
        {"table": {"family": "inet", "name": "obu", "handle": 7}},
        {"chain": {"family": "inet", "table": "obu", "name": "input", "handle": 1, "type": "filter", "hook": "input", "prio": 0, "policy": "accept"}},
        {"rule": {"family": "inet", "table": "obu", "chain": "input", "handle": 2, "comment": "v2x-drop", "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "udp", "field": "dport"}}, "right": 9999}}, {"counter": {"packets": 12, "bytes": 348}}, {"drop": null}]}},
        {"rule": {"family": "inet", "table": "obu", "chain": "input", "handle": 3, "expr": [{"counter": {"packets": 5, "bytes": 100}}, {"accept": null}]}},
        {"rule": {"family": "inet", "table": "obu", "chain": "input", "handle": 4, "comment": "no-counter", "expr": [{"drop": null}]}}]}
        """;

    [Fact]
    public void Named_rules_with_a_counter_are_read()
    {
        var time = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        var counters = NftablesFirewall.Parse(Capture, time);

        Assert.Equal([new Network.FirewallRuleCounter("v2x-drop", time, 12, 348)], counters.ToArray());
    }

    [Theory]
    [InlineData("not JSON", "nft: syntax error")]
    [InlineData("no nftables array", "{\"rules\": []}")]
    [InlineData("negative counter", "{\"nftables\": [{\"rule\": {\"comment\": \"x\", \"expr\": [{\"counter\": {\"packets\": -1, \"bytes\": 0}}]}}]}")]
    public void Output_that_is_not_nfts_json_is_refused(string name, string json)
    {
        Assert.ThrowsAny<Exception>(() => NftablesFirewall.Parse(json, DateTimeOffset.UnixEpoch));
        Assert.NotEmpty(name);
    }

    [Fact]
    public void A_missing_nft_is_an_io_error_naming_it()
    {
        var firewall = new NftablesFirewall(TimeProvider.System, "inet", "obu", nft: "/nonexistent/nft");

        var e = Assert.Throws<IOException>(() => firewall.Read());
        Assert.Contains("/nonexistent/nft", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_exceptions_are_the_parse_failure_type()
    {
        Assert.Throws<JsonException>(() => NftablesFirewall.Parse("{\"x\": 1}", DateTimeOffset.UnixEpoch));
    }
}
