using System.Net;
using Firmware.SecurePartition.Encoding;
using Firmware.SecurePartition.Policy;

namespace Firmware.Tests.Upstream.IndicatorRules;

/// <summary>
/// The update-indicator-rules body (format 1): a known-answer vector assembled by hand from the layout
/// in IndicatorRuleCodec / Docs/upstream.md, and a table of malformed bodies, each refused with the
/// typed error naming the field.
/// </summary>
public sealed class IndicatorRuleCodecTests
{
    // 01 format | 0001 one upsert
    //   2f1c1a7e-0000-4000-8000-000000000001 | modified and valid from 2026-03-01T00:00:00Z (µs 0x00064beb26c36000) | 00 no until
    //   0002 rules: 02 process "miner" (0005 6d696e6572) ; 03 peer 00000004 cb007100 (203.0.113.0) /24 (18) port 443 (01bb)
    // 0001 one removal 0a0b0c0d-0e0f-4000-8000-000000000002
    private const string UpdateHex =
        "01" + "0001" +
        "2f1c1a7e000040008000000000000001" + "00064beb26c36000" + "00064beb26c36000" + "00" +
        "0002" + "02" + "0005" + "6d696e6572" + "03" + "00000004" + "cb007100" + "18" + "01bb" +
        "0001" + "0a0b0c0d0e0f40008000000000000002";

    private static readonly DateTimeOffset March1 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static IndicatorRuleUpdate Update() => new(
        [new IndicatorEntry(Guid.Parse("2f1c1a7e-0000-4000-8000-000000000001"), March1, March1, null,
            [IndicatorRule.ProcessName("miner"), IndicatorRule.Peer(IPAddress.Parse("203.0.113.0"), 24, 443)])],
        [Guid.Parse("0a0b0c0d-0e0f-4000-8000-000000000002")]);

    [Fact]
    public void Update_encodes_to_the_known_bytes_and_decodes_back()
    {
        Assert.Equal(UpdateHex, Convert.ToHexStringLower(IndicatorRuleCodec.EncodeUpdate(Update())));
        var decoded = IndicatorRuleCodec.DecodeUpdate(Convert.FromHexString(UpdateHex));
        var entry = Assert.Single(decoded.Upserts);
        Assert.Equal("indicator--2f1c1a7e-0000-4000-8000-000000000001", entry.StixId);
        Assert.Equal(March1, entry.Modified);
        Assert.Null(entry.ValidUntil);
        Assert.Equal(["process miner", "peer 203.0.113.0/24 port 443"], entry.Rules.Select(r => r.ToString()));
        Assert.Equal([Guid.Parse("0a0b0c0d-0e0f-4000-8000-000000000002")], decoded.Removals);
    }

    [Fact]
    public void Every_rule_kind_survives_a_round_trip_through_a_stored_set()
    {
        var hash = Convert.FromHexString(Support.Reports.AppSha256);
        var entry = new IndicatorEntry(Guid.NewGuid(), March1, March1, March1.AddDays(30),
        [
            IndicatorRule.ImageHash(hash), IndicatorRule.ProcessName("miner"), IndicatorRule.Peer(IPAddress.Parse("2001:db8::"), 32),
            IndicatorRule.Software("telematics", "3.1.4"),
        ]);
        var (revision, entries) = IndicatorRuleCodec.DecodeSet(IndicatorRuleCodec.EncodeSet(7, [entry]));
        Assert.Equal(7u, revision);
        var back = Assert.Single(entries);
        Assert.Equal(entry.Rules, back.Rules);
        Assert.Equal(entry.ValidUntil, back.ValidUntil);
        Assert.Equal(hash, back.Rules[0].Sha256());
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "format 2", "02" + UpdateHex[2..], "format" },
        { "cut inside the entry", UpdateHex[..40], "IndicatorRuleUpdate." },
        { "bytes left over", UpdateHex + "00", "end" },
        { "no rules", "01" + "0001" + "2f1c1a7e000040008000000000000001" + "00064beb26c36000" + "00064beb26c36000" + "00" + "0000" + "0000", "rules" },
        { "unknown rule kind 9", ReplaceRules("0001" + "09"), "kind" },
        { "SHA-256 of 31 bytes", ReplaceRules("0001" + "01" + "0000001f" + new string('a', 62)), "rule" },
        { "empty process name", ReplaceRules("0001" + "02" + "0000"), "rule" },
        { "process name over 64 bytes", ReplaceRules("0001" + "02" + "0041" + new string('6', 130)), "process" },
        { "address of 5 bytes", ReplaceRules("0001" + "03" + "00000005" + "cb00710001" + "18" + "0000"), "address" },
        { "IPv4 prefix 33", ReplaceRules("0001" + "03" + "00000004" + "cb007100" + "21" + "0000"), "rule" },
        { "bits set past the prefix", ReplaceRules("0001" + "03" + "00000004" + "cb007101" + "18" + "0000"), "rule" },
        { "17 rules", ReplaceRules("0011" + string.Concat(Enumerable.Repeat("02" + "0001" + "61", 17))), "rules" },
        { "valid until before valid from", "01" + "0001" + "2f1c1a7e000040008000000000000001" + "00064beb26c36000" + "00064beb26c36000" + "01" + "00064beb26c35fff" + "0001" + "02" + "0001" + "61" + "0000", "validUntil" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_updates_raise_the_typed_error(string name, string hex, string field)
    {
        var e = Assert.Throws<MalformedDataException>(() => IndicatorRuleCodec.DecodeUpdate(Convert.FromHexString(hex)));
        Assert.True(e.Field.Contains(field, StringComparison.Ordinal), $"{name}: {e.Field} ({e.Reason})");
    }

    private static string ReplaceRules(string rules) =>
        "01" + "0001" + "2f1c1a7e000040008000000000000001" + "00064beb26c36000" + "00064beb26c36000" + "00" + rules + "0000";
}
