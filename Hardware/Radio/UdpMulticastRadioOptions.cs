using System.Net;

namespace Hardware.Radio;

/// <summary>Configuration of <see cref="UdpMulticastRadioLink"/>.</summary>
public sealed record UdpMulticastRadioOptions
{
    /// <summary>Multicast group (administratively scoped, RFC 2365: 239.0.0.0/8).</summary>
    public IPAddress Group { get; init; } = IPAddress.Parse("239.255.47.1");

    /// <summary>UDP port every node on the medium uses.</summary>
    public int Port { get; init; } = 47001;

    /// <summary>Local interface address to send and join on (loopback on the bench).</summary>
    public IPAddress InterfaceAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Hear this node's own frames too.</summary>
    public bool ReceiveOwnFrames { get; init; }

    /// <summary>Receive queue bound; when full the oldest frame is dropped.</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>Clock for receive timestamps.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
