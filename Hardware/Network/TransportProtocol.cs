namespace Hardware.Network;

/// <summary>Transport protocol of a peer or a dropped packet.</summary>
public enum TransportProtocol
{
    /// <summary>TCP.</summary>
    Tcp,

    /// <summary>UDP.</summary>
    Udp,

    /// <summary>Anything else (ICMP, raw).</summary>
    Other,
}
