namespace Hardware.Radio;

/// <summary>Configuration of <see cref="PacketRadioLink"/>.</summary>
public sealed record PacketRadioOptions
{
    /// <summary>The GeoNetworking EtherType (IEEE registration for ETSI EN 302 636-4-1 over Ethernet-like links).</summary>
    public const ushort GeoNetworkingEtherType = 0x8947;

    /// <summary>The network interface to send and receive on (an 802.11p OCB interface, a C-V2X modem's netdev, a veth in tests).</summary>
    public required string Interface { get; init; }

    /// <summary>The EtherType this link carries (and the only one it hears). Default 0x8947.</summary>
    public ushort EtherType { get; init; } = GeoNetworkingEtherType;

    /// <summary>Hear this node's own frames too (the kernel does not loop them back: the link queues a copy).</summary>
    public bool ReceiveOwnFrames { get; init; }

    /// <summary>Receive queue bound; when full the oldest frame is dropped.</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>Clock for receive timestamps.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where the interface attributes (ifindex, MTU, address) are read; /sys/class/net on Linux.</summary>
    public string SysClassNet { get; init; } = "/sys/class/net";
}
