using System.Text.Json.Nodes;

namespace Cti.Stix;

/// <summary>
/// The ID contributing properties of each SCO type (STIX 2.1 §6, "ID Contributing Properties" of each object) and
/// the deterministic id they give (§2.9: UUIDv5 in <see cref="StixId.ObservableNamespace"/> over their RFC 8785
/// canonical JSON), so anyone can check that an SCO's id matches its content.
/// </summary>
public static class ObservableIds
{
    private static readonly Dictionary<string, string[]> Contributing = new(StringComparer.Ordinal)
    {
        ["artifact"] = ["hashes", "payload_bin"],
        ["autonomous-system"] = ["number"],
        ["directory"] = ["path"],
        ["domain-name"] = ["value"],
        ["email-addr"] = ["value"],
        ["email-message"] = ["from_ref", "subject", "body"],
        ["file"] = ["hashes", "name", "extensions", "parent_directory_ref"],
        ["ipv4-addr"] = ["value"],
        ["ipv6-addr"] = ["value"],
        ["mac-addr"] = ["value"],
        ["mutex"] = ["name"],
        ["network-traffic"] = ["start", "end", "src_ref", "dst_ref", "src_port", "dst_port", "protocols", "extensions"],
        ["software"] = ["name", "cpe", "swid", "vendor", "version"],
        ["url"] = ["value"],
        ["user-account"] = ["account_type", "user_id", "account_login"],
        ["windows-registry-key"] = ["key", "values"],
        ["x509-certificate"] = ["hashes", "serial_number"],
    };

    // §2.9: of several hashes only one contributes, the first present in this order of preference.
    private static readonly string[] HashPreference = ["MD5", "SHA-1", "SHA-256", "SHA-512"];

    /// <summary>
    /// The deterministic id of <paramref name="observable"/>, or null when its type has no ID contributing properties
    /// (process, for instance: UUIDv4) or it carries none of them.
    /// </summary>
    public static StixId? Compute(JsonObject observable)
    {
        ArgumentNullException.ThrowIfNull(observable);
        var type = StixObject.GetString(observable, "type");
        if (type is null || !Contributing.TryGetValue(type, out var names))
        {
            return null;
        }

        var contributing = new JsonObject();
        foreach (var name in names)
        {
            if (observable[name] is not { } value)
            {
                continue;
            }

            if (name == "hashes" && value is JsonObject hashes && hashes.Count > 1)
            {
                var chosen = HashPreference.FirstOrDefault(hashes.ContainsKey) ?? hashes.Select(h => h.Key).Order(StringComparer.Ordinal).First();
                contributing[name] = new JsonObject { [chosen] = hashes[chosen]?.DeepClone() };
            }
            else
            {
                contributing[name] = value.DeepClone();
            }
        }

        return contributing.Count == 0 ? null : StixId.ForObservable(type, contributing);
    }
}
