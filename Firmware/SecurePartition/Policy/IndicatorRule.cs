using System.Net;

namespace Firmware.SecurePartition.Policy;

/// <summary>
/// One deny rule translated from a community indicator. A rule can only add a finding when what it
/// names is present on the board; it carries no allow-list, threshold or latch field, so nothing in
/// it can make the IDF more lenient (Docs/upstream.md, "Threat analysis of the return path").
/// Build with the factories; they refuse values out of range with <see cref="ArgumentException"/>.
/// </summary>
public sealed record IndicatorRule
{
    /// <summary>Longest process name (UTF-8 bytes).</summary>
    public const int MaxNameBytes = 64;

    /// <summary>Longest software name (UTF-8 bytes).</summary>
    public const int MaxSoftwareNameBytes = 128;

    /// <summary>Longest software version (UTF-8 bytes).</summary>
    public const int MaxVersionBytes = 64;

    private IndicatorRule(IndicatorRuleKind kind, string value, string version, IPAddress? network, int prefixLength, int port)
    {
        Kind = kind;
        Value = value;
        Version = version;
        Network = network;
        PrefixLength = prefixLength;
        Port = port;
    }

    /// <summary>The kind.</summary>
    public IndicatorRuleKind Kind { get; }

    /// <summary>Lower-case hex SHA-256 (image hash), the process name, or the software name; empty for a peer.</summary>
    public string Value { get; }

    /// <summary>The software version (software rules only; empty otherwise).</summary>
    public string Version { get; }

    /// <summary>The peer network (peer rules only).</summary>
    public IPAddress? Network { get; }

    /// <summary>CIDR prefix length of <see cref="Network"/> (32 or 128 for one host).</summary>
    public int PrefixLength { get; }

    /// <summary>Remote port, or 0 for any (peer rules only).</summary>
    public int Port { get; }

    /// <summary>A known malicious image by SHA-256.</summary>
    public static IndicatorRule ImageHash(ReadOnlySpan<byte> sha256)
    {
        if (sha256.Length != 32)
        {
            throw new ArgumentException("A SHA-256 is 32 bytes.", nameof(sha256));
        }

        return new IndicatorRule(IndicatorRuleKind.ImageHash, Convert.ToHexStringLower(sha256), "", null, 0, 0);
    }

    /// <summary>A known malicious process name (compared exactly, as the board reports it).</summary>
    public static IndicatorRule ProcessName(string name)
    {
        CheckText(name, MaxNameBytes, nameof(name));
        return new IndicatorRule(IndicatorRuleKind.ProcessName, name, "", null, 0, 0);
    }

    /// <summary>A known malicious peer: <paramref name="network"/>/<paramref name="prefixLength"/>, port 0 for any.</summary>
    public static IndicatorRule Peer(IPAddress network, int prefixLength, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, network.GetAddressBytes().Length * 8);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var bytes = network.GetAddressBytes();
        for (var bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                throw new ArgumentException($"{network} has bits set past the /{prefixLength} prefix.", nameof(network));
            }
        }

        return new IndicatorRule(IndicatorRuleKind.Peer, "", "", network, prefixLength, port);
    }

    /// <summary>A known malicious software version (name and version compared exactly).</summary>
    public static IndicatorRule Software(string name, string version)
    {
        CheckText(name, MaxSoftwareNameBytes, nameof(name));
        CheckText(version, MaxVersionBytes, nameof(version));
        return new IndicatorRule(IndicatorRuleKind.SoftwareVersion, name, version, null, 0, 0);
    }

    /// <summary>The image hash as bytes (image-hash rules).</summary>
    public byte[] Sha256() => Kind == IndicatorRuleKind.ImageHash ? Convert.FromHexString(Value) : [];

    /// <summary>True when a peer rule covers <paramref name="remote"/>.</summary>
    public bool MatchesPeer(IPEndPoint remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (Kind != IndicatorRuleKind.Peer || Network is null || (Port != 0 && remote.Port != Port))
        {
            return false;
        }

        var address = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        return address.AddressFamily == Network.AddressFamily && new IPNetwork(Network, PrefixLength).Contains(address);
    }

    /// <summary>A short description for logs and evidence (never sent upstream as such).</summary>
    public override string ToString() => Kind switch
    {
        IndicatorRuleKind.ImageHash => "image sha256 " + Value,
        IndicatorRuleKind.ProcessName => "process " + Value,
        IndicatorRuleKind.Peer => $"peer {Network}/{PrefixLength}" + (Port == 0 ? "" : $" port {Port}"),
        _ => $"software {Value} {Version}",
    };

    private static void CheckText(string value, int maxBytes, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        if (System.Text.Encoding.UTF8.GetByteCount(value) > maxBytes || value.Any(char.IsControl))
        {
            throw new ArgumentException($"At most {maxBytes} UTF-8 bytes without control characters.", name);
        }
    }
}
