namespace Firmware.SecurePartition.Policy;

/// <summary>A network peer the policy allows (patent ¶98: communication with forbidden peers is an anomaly).</summary>
/// <param name="Network">Address of the allowed network.</param>
/// <param name="PrefixLength">CIDR prefix length (32 or 128 for one host).</param>
/// <param name="Port">Remote port, or 0 for any.</param>
public sealed record AllowedPeer(System.Net.IPAddress Network, int PrefixLength, int Port)
{
    /// <summary>True when the endpoint falls inside this rule.</summary>
    public bool Matches(System.Net.IPEndPoint remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (Port != 0 && remote.Port != Port)
        {
            return false;
        }

        var address = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        if (address.AddressFamily != Network.AddressFamily)
        {
            return false;
        }

        return new System.Net.IPNetwork(Network, PrefixLength).Contains(address);
    }
}
