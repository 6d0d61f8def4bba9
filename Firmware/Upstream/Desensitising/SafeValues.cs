using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Firmware.Upstream.Desensitising;

/// <summary>
/// The shapes of the few board-supplied values a summary may carry (process, image and software
/// names, versions, peer addresses). A value of another shape is withheld, never reformatted.
/// </summary>
public static partial class SafeValues
{
    /// <summary>A process, image or software name: 1-32 of letters, digits and ._+- starting alphanumeric.</summary>
    public static bool IsName(string? value) => value is not null && NameRegex().IsMatch(value);

    /// <summary>A version: 1-32 of letters, digits and ._+~- starting alphanumeric.</summary>
    public static bool IsVersion(string? value) => value is not null && VersionRegex().IsMatch(value);

    /// <summary>
    /// A peer address worth sharing: global unicast. Private (RFC 1918, RFC 4193), loopback, link-local,
    /// shared (RFC 6598) and multicast addresses say nothing to other members and could describe the
    /// owner's own network, so they are withheld.
    /// </summary>
    public static bool IsShareableAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168) ||
                     (b[0] == 169 && b[1] == 254) || (b[0] == 100 && (b[1] & 0xC0) == 64) || b[0] >= 224 || b[0] == 0);
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 &&
               !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._+-]{0,31}$")]
    private static partial Regex NameRegex();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._+~-]{0,31}$")]
    private static partial Regex VersionRegex();
}
