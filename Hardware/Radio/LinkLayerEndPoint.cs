using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Hardware.Radio;

/// <summary>
/// A link-layer socket address (packet(7) <c>struct sockaddr_ll</c>, 20 octets): family, protocol (network byte
/// order), interface index, hardware type, packet type, address length and up to 8 address octets. Used to bind an
/// AF_PACKET socket to one interface and EtherType, and to read where a received frame came from.
/// </summary>
internal sealed class LinkLayerEndPoint : EndPoint
{
    /// <summary>sizeof(struct sockaddr_ll).</summary>
    public const int Size = 20;

    /// <summary>PACKET_OUTGOING: a frame this host sent (packet(7)).</summary>
    public const byte PacketOutgoing = 4;

    public LinkLayerEndPoint(ushort etherType, int interfaceIndex)
    {
        EtherType = etherType;
        InterfaceIndex = interfaceIndex;
    }

    public ushort EtherType { get; }

    public int InterfaceIndex { get; }

    public byte PacketType { get; private init; }

    public byte[] HardwareAddress { get; private init; } = [];

    public override AddressFamily AddressFamily => AddressFamily.Packet;

    public override SocketAddress Serialize()
    {
        // Octets 0-1 (the family) are written by SocketAddress itself in the platform's layout.
        var a = new SocketAddress(AddressFamily.Packet, Size);
        Span<byte> b = stackalloc byte[Size];
        BinaryPrimitives.WriteUInt16BigEndian(b[2..], EtherType);
        BinaryPrimitives.WriteInt32LittleEndian(b[4..], InterfaceIndex);
        for (var i = 2; i < Size; i++)
        {
            a[i] = b[i];
        }

        return a;
    }

    public override EndPoint Create(SocketAddress socketAddress)
    {
        ArgumentNullException.ThrowIfNull(socketAddress);
        if (socketAddress.Size < 12)
        {
            return new LinkLayerEndPoint(0, 0);
        }

        var length = Math.Min(socketAddress.Size >= 12 ? socketAddress[11] : 0, Math.Max(0, socketAddress.Size - 12));
        var address = new byte[Math.Min(length, 8)];
        for (var i = 0; i < address.Length; i++)
        {
            address[i] = socketAddress[12 + i];
        }

        return new LinkLayerEndPoint((ushort)((socketAddress[2] << 8) | socketAddress[3]),
            socketAddress[4] | (socketAddress[5] << 8) | (socketAddress[6] << 16) | (socketAddress[7] << 24))
        {
            PacketType = socketAddress[10],
            HardwareAddress = address,
        };
    }

    public override string ToString() => string.Join(':', HardwareAddress.Select(o => o.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
