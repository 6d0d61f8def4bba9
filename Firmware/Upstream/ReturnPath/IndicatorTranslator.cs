using System.Net;
using System.Text.Json.Nodes;
using Cti.Patterning;
using Cti.Sharing;
using Cti.Stix;
using Firmware.SecurePartition.Policy;

namespace Firmware.Upstream.ReturnPath;

/// <summary>
/// Turns STIX 2.1 indicators (§4.7, patterns §9) into IDF deny rules (ITU-T X.1382 §9.3.1.4 c),
/// exactly or not at all: a pattern is supported when it is a disjunction (OR, or IN) of
/// observations the IDF can check on its own:
/// <list type="bullet">
/// <item><c>[file:hashes.'SHA-256' = '…']</c>: a known malicious image;</item>
/// <item><c>[process:name = '…']</c> or <c>[process:image_ref.name = '…']</c>: a process name;</item>
/// <item><c>[ipv4-addr:value = '…']</c>, <c>ipv6-addr</c>, also CIDR and <c>ISSUBSET</c>, and
/// <c>[network-traffic:dst_ref.value = '…']</c> optionally <c>AND network-traffic:dst_port = n</c>: a peer;</item>
/// <item><c>[software:name = '…' AND software:version = '…']</c>: a software version.</item>
/// </list>
/// Anything else (AND or FOLLOWEDBY between observations, qualifiers, negation, other operators,
/// other objects or properties) makes the whole indicator unsupported: it is skipped and counted,
/// never half-applied, since deploying part of a conjunction would flag what the producer did not
/// describe. Revoked and expired indicators remove their rules. Indicators the hub merged from
/// anomaly summaries describe observations, not verdicts, and are skipped.
/// </summary>
public sealed class IndicatorTranslator
{
    private readonly HashSet<string> _trusted;

    /// <summary>A translator deploying indicators of <paramref name="trustedProducers"/> only (empty: any producer).</summary>
    public IndicatorTranslator(IEnumerable<string> trustedProducers)
    {
        ArgumentNullException.ThrowIfNull(trustedProducers);
        _trusted = new HashSet<string>(trustedProducers, StringComparer.Ordinal);
    }

    /// <summary>Translates one object read from the indicator collection at <paramref name="now"/>.</summary>
    public IndicatorTranslation Translate(JsonObject obj, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (StixObject.GetString(obj, "type") != "indicator" || !StixId.TryParse(StixObject.GetString(obj, "id"), out var id) || id.Type != "indicator")
        {
            return Skip(Guid.Empty, null, "not an indicator with a valid id");
        }

        var uuid = id.Uuid;
        if (!StixTimestamp.TryParse(StixObject.GetString(obj, "modified") ?? StixObject.GetString(obj, "created"), out var modified))
        {
            return Skip(uuid, null, "no valid modified timestamp");
        }

        if ((obj["extensions"] as JsonObject)?[HubExtension.Id] is JsonObject hub && hub.ContainsKey(HubExtension.AnomalySignature))
        {
            return Skip(uuid, modified, "an anomaly merged by the hub: an observation, not a verdict");
        }

        if (_trusted.Count > 0 && (StixObject.GetString(obj, "created_by_ref") is not { } producer || !_trusted.Contains(producer)))
        {
            return Skip(uuid, modified, "not from a trusted producer");
        }

        if (obj["revoked"] is JsonValue revoked && revoked.TryGetValue<bool>(out var isRevoked) && isRevoked)
        {
            return new(TranslationOutcome.Remove, uuid, modified, null, "revoked");
        }

        if (!StixTimestamp.TryParse(StixObject.GetString(obj, "valid_from"), out var validFrom))
        {
            return Skip(uuid, modified, "no valid valid_from");
        }

        DateTimeOffset? validUntil = null;
        if (obj.ContainsKey("valid_until"))
        {
            if (!StixTimestamp.TryParse(StixObject.GetString(obj, "valid_until"), out var until) || until <= validFrom)
            {
                return Skip(uuid, modified, "valid_until is not a timestamp after valid_from");
            }

            validUntil = until;
        }

        if (validUntil is { } end && end <= now)
        {
            return new(TranslationOutcome.Remove, uuid, modified, null, "expired");
        }

        if (StixObject.GetString(obj, "pattern_type") != "stix" || StixObject.GetString(obj, "pattern") is not { } text)
        {
            return Unsupported(uuid, modified, "not a STIX pattern");
        }

        if (!StixPattern.TryParse(text, out var pattern, out var error))
        {
            return Unsupported(uuid, modified, "the pattern does not parse: " + error!.Message);
        }

        var rules = new List<IndicatorRule>();
        if (Observations(pattern!.Root, rules) is { } why)
        {
            return Unsupported(uuid, modified, why);
        }

        rules = rules.Distinct().ToList();
        if (rules.Count > IndicatorRuleCodec.MaxRulesPerEntry)
        {
            return Unsupported(uuid, modified, $"{rules.Count} rules, more than {IndicatorRuleCodec.MaxRulesPerEntry}");
        }

        return new(TranslationOutcome.Deploy, uuid, modified, new IndicatorEntry(uuid, modified, validFrom, validUntil, rules), $"{rules.Count} rules");
    }

    private static IndicatorTranslation Skip(Guid id, DateTimeOffset? modified, string reason) => new(TranslationOutcome.Skipped, id, modified, null, reason);

    private static IndicatorTranslation Unsupported(Guid id, DateTimeOffset? modified, string reason) => new(TranslationOutcome.Unsupported, id, modified, null, reason);

    // Returns null when every observation became rules, else why not.
    private static string? Observations(ObservationExpression node, List<IndicatorRule> rules) => node switch
    {
        SimpleObservation s => Comparison(s.Comparison, rules),
        GroupedObservation g => Observations(g.Inner, rules),
        CompositeObservation { Operator: ObservationOperator.Or } c => Observations(c.Left, rules) ?? Observations(c.Right, rules),
        CompositeObservation c => $"observations joined by {c.Operator} cannot be checked one by one",
        QualifiedObservation => "qualifiers (WITHIN, REPEATS, START/STOP) are not supported",
        _ => "unknown observation",
    };

    private static string? Comparison(ComparisonExpression node, List<IndicatorRule> rules)
    {
        switch (node)
        {
            case GroupedComparison g:
                return Comparison(g.Inner, rules);
            case CompositeComparison { IsAnd: false } or:
                return Comparison(or.Left, rules) ?? Comparison(or.Right, rules);
            case CompositeComparison and:
                return Conjunction(and, rules);
            case PropertyComparison p:
                return Single(p, rules);
            default:
                return "EXISTS is not supported";
        }
    }

    // The only conjunctions that describe one thing: software name AND version, flow address AND port.
    private static string? Conjunction(CompositeComparison and, List<IndicatorRule> rules)
    {
        var leaves = new List<PropertyComparison>();
        if (!Flatten(and, leaves) || leaves.Any(l => l.Negated || l.Operator != ComparisonOperator.Equal))
        {
            return "AND of comparisons other than plain equalities";
        }

        var byPath = leaves.GroupBy(l => Path(l.Path)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        if (byPath.Count == 2 && byPath.TryGetValue("software:name", out var names) && byPath.TryGetValue("software:version", out var versions)
            && names.Count == 1 && versions.Count == 1 && names[0].Value is StringLiteral name && versions[0].Value is StringLiteral version)
        {
            return Add(rules, () => IndicatorRule.Software(name.Value, version.Value));
        }

        if (byPath.Count == 2 && byPath.TryGetValue("network-traffic:dst_ref.value", out var addresses) && byPath.TryGetValue("network-traffic:dst_port", out var ports)
            && addresses.Count == 1 && ports.Count == 1 && addresses[0].Value is StringLiteral address && ports[0].Value is IntegerLiteral { Value: >= 1 and <= 65535 } port)
        {
            return Peer(address.Value, (int)port.Value, rules);
        }

        return "AND of comparisons other than software name and version, or flow address and port";
    }

    private static bool Flatten(ComparisonExpression node, List<PropertyComparison> leaves)
    {
        switch (node)
        {
            case GroupedComparison g:
                return Flatten(g.Inner, leaves);
            case CompositeComparison { IsAnd: true } c:
                return Flatten(c.Left, leaves) && Flatten(c.Right, leaves);
            case PropertyComparison p:
                leaves.Add(p);
                return true;
            default:
                return false;
        }
    }

    private static string? Single(PropertyComparison p, List<IndicatorRule> rules)
    {
        if (p.Negated)
        {
            return "negated comparisons are not supported";
        }

        var path = Path(p.Path);
        var values = p.Operator switch
        {
            ComparisonOperator.Equal when p.Value is StringLiteral s => [s.Value],
            ComparisonOperator.In when p.Value is SetLiteral set && set.Values.All(v => v is StringLiteral) => set.Values.Cast<StringLiteral>().Select(v => v.Value).ToList(),
            ComparisonOperator.IsSubset when p.Value is StringLiteral s && path is "ipv4-addr:value" or "ipv6-addr:value" => [s.Value],
            _ => (List<string>?)null,
        };
        if (values is null)
        {
            return $"{p.Operator} on {path} is not supported";
        }

        foreach (var value in values)
        {
            var why = path switch
            {
                "file:hashes.SHA-256" => value.Length == 64 && value.All(char.IsAsciiHexDigit)
                    ? Add(rules, () => IndicatorRule.ImageHash(Convert.FromHexString(value)))
                    : "a SHA-256 is 64 hex digits",
                "process:name" or "process:image_ref.name" => Add(rules, () => IndicatorRule.ProcessName(value)),
                "ipv4-addr:value" or "ipv6-addr:value" or "network-traffic:dst_ref.value" => Peer(value, 0, rules),
                "software:name" => "a software rule needs name and version",
                _ => $"{path} is not something the IDF checks",
            };
            if (why is not null)
            {
                return why;
            }
        }

        return null;
    }

    private static string? Peer(string value, int port, List<IndicatorRule> rules)
    {
        if (IPNetwork.TryParse(value, out var network))
        {
            return Add(rules, () => IndicatorRule.Peer(network.BaseAddress, network.PrefixLength, port));
        }

        if ((value.Contains('.', StringComparison.Ordinal) || value.Contains(':', StringComparison.Ordinal)) && IPAddress.TryParse(value, out var address))
        {
            return Add(rules, () => IndicatorRule.Peer(address, address.GetAddressBytes().Length * 8, port));
        }

        return $"'{value}' is not an address or CIDR block";
    }

    private static string? Add(List<IndicatorRule> rules, Func<IndicatorRule> make)
    {
        try
        {
            rules.Add(make());
            return null;
        }
        catch (ArgumentException e)
        {
            return "a value the IDF cannot hold: " + e.Message;
        }
    }

    private static string Path(ObjectPath path) =>
        path.ObjectType + ":" + string.Join('.', path.Steps.Select(s => s is KeyStep k ? k.Name : "[*]"));
}
