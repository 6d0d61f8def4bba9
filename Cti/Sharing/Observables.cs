using System.Text.Json.Nodes;
using Cti.Stix;

namespace Cti.Sharing;

/// <summary>
/// Builders for the cyber-observable objects (STIX 2.1 §6) an on-board unit reports, with the
/// deterministic identifiers of §2.9 computed from each type's ID contributing properties, so the
/// same file or software seen by a thousand vehicles is one object at the hub.
/// </summary>
public static class Observables
{
    /// <summary>A file by name and, when known, SHA-256 (§6.7; ID contributing: hashes, name).</summary>
    public static JsonObject File(string name, string? sha256Hex = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var contributing = new JsonObject();
        if (sha256Hex is not null)
        {
            if (sha256Hex.Length != 64 || !sha256Hex.All(char.IsAsciiHexDigit))
            {
                throw new ArgumentException("a SHA-256 value is 64 hex digits", nameof(sha256Hex));
            }

            contributing["hashes"] = new JsonObject { ["SHA-256"] = sha256Hex.ToLowerInvariant() };
        }

        contributing["name"] = name;
        return Finish("file", contributing);
    }

    /// <summary>A software package (§6.14; ID contributing: name, cpe, swid, vendor, version).</summary>
    public static JsonObject Software(string name, string? version = null, string? vendor = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var contributing = new JsonObject { ["name"] = name };
        if (vendor is not null)
        {
            contributing["vendor"] = vendor;
        }

        if (version is not null)
        {
            contributing["version"] = version;
        }

        return Finish("software", contributing);
    }

    /// <summary>An IPv4 address or CIDR block (§6.8; ID contributing: value).</summary>
    public static JsonObject Ipv4(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Finish("ipv4-addr", new JsonObject { ["value"] = value });
    }

    /// <summary>A domain name (§6.4; ID contributing: value).</summary>
    public static JsonObject DomainName(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Finish("domain-name", new JsonObject { ["value"] = value });
    }

    /// <summary>
    /// A network flow to <paramref name="destination"/> (§6.12; ID contributing: start, end, src_ref, dst_ref,
    /// src_port, dst_port, protocols, extensions). Both ports are always present: the OASIS stix2-validator's
    /// best-practice check 301 "network-traffic-ports" (an error in strict mode) expects both. A reporter that does
    /// not report its own port gives 0 (the IANA-reserved port, "not reported" here): an ephemeral source port
    /// differs per connection, would make every report a new observable and defeat merging by signature.
    /// </summary>
    public static JsonObject NetworkTraffic(JsonObject destination, int destinationPort, int sourcePort, params string[] protocols)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(protocols);
        if (destinationPort is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(destinationPort), destinationPort, "a port is 0..65535");
        }

        if (sourcePort is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(sourcePort), sourcePort, "a port is 0..65535");
        }

        if (protocols.Length == 0)
        {
            throw new ArgumentException("network-traffic needs at least one protocol", nameof(protocols));
        }

        var contributing = new JsonObject
        {
            ["dst_ref"] = StixObject.GetString(destination, "id") ?? throw new ArgumentException("the destination has no id", nameof(destination)),
            ["src_port"] = sourcePort,
            ["dst_port"] = destinationPort,
            ["protocols"] = new JsonArray(protocols.Select(p => (JsonNode)p.ToLowerInvariant()).ToArray()),
        };
        return Finish("network-traffic", contributing);
    }

    /// <summary>
    /// A process running <paramref name="image"/> (§6.13). Processes have no ID contributing
    /// properties, so the caller supplies the UUID (random, version 4).
    /// </summary>
    public static JsonObject Process(Guid uuid, JsonObject image, string? commandLine = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var process = new JsonObject
        {
            ["type"] = "process",
            ["spec_version"] = "2.1",
            ["id"] = StixId.Create("process", uuid).ToString(),
            ["image_ref"] = StixObject.GetString(image, "id") ?? throw new ArgumentException("the image has no id", nameof(image)),
        };
        if (commandLine is not null)
        {
            process["command_line"] = commandLine;
        }

        return process;
    }

    private static JsonObject Finish(string type, JsonObject contributing)
    {
        var id = StixId.ForObservable(type, contributing).ToString();
        var obj = new JsonObject { ["type"] = type, ["spec_version"] = "2.1", ["id"] = id };
        foreach (var (key, value) in contributing)
        {
            obj[key] = value?.DeepClone();
        }

        return obj;
    }
}
