using System.Buffers.Binary;

namespace Hardware.Can;

/// <summary>
/// A classic CAN frame in the layout of Linux SocketCAN's <c>struct can_frame</c> (include/uapi/linux/can.h),
/// 16 octets: <c>can_id</c> (u32: bits 0-28 the identifier, bit 31 CAN_EFF_FLAG for a 29-bit identifier,
/// bit 30 CAN_RTR_FLAG, bit 29 CAN_ERR_FLAG), <c>len</c> (u8, 0-8), three reserved octets, then eight data
/// octets (unused ones zero). SocketCAN keeps <c>can_id</c> in host order (<see cref="HostOrder"/>, what a CAN_RAW
/// socket reads and writes); on a network (the bench's CAN over UDP) it travels big-endian, the default here. Remote
/// and error frames are refused: the firmware sends data frames only.
/// </summary>
public static class SocketCanFrame
{
    /// <summary>Encoded size.</summary>
    public const int Size = 16;

    private const uint EffFlag = 0x8000_0000;
    private const uint RtrFlag = 0x4000_0000;
    private const uint ErrFlag = 0x2000_0000;

    /// <summary>The byte order of <c>can_id</c> on a CAN_RAW socket of this machine: big-endian or not.</summary>
    public static bool HostOrder => !BitConverter.IsLittleEndian;

    /// <summary>Encodes a frame (can_id big-endian unless <paramref name="bigEndian"/> is false).</summary>
    public static byte[] Encode(CanFrame frame, bool bigEndian = true)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var bytes = new byte[Size];
        var id = frame.Id | (frame.IsExtended ? EffFlag : 0);
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, id);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, id);
        }

        bytes[4] = (byte)frame.Data.Count;
        for (var i = 0; i < frame.Data.Count; i++)
        {
            bytes[8 + i] = frame.Data[i];
        }

        return bytes;
    }

    /// <summary>Decodes a frame (can_id big-endian unless <paramref name="bigEndian"/> is false), or null for anything that
    /// is not a classic data frame of this layout.</summary>
    public static CanFrame? Decode(ReadOnlySpan<byte> bytes, bool bigEndian = true)
    {
        if (bytes.Length != Size)
        {
            return null;
        }

        var id = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        var length = bytes[4];
        if ((id & (RtrFlag | ErrFlag)) != 0 || length > CanFrame.MaxDataBytes)
        {
            return null;
        }

        var extended = (id & EffFlag) != 0;
        var raw = id & ~EffFlag;
        return raw > (extended ? CanFrame.MaxExtendedId : CanFrame.MaxBaseId) ? null : new CanFrame(raw, extended, bytes.Slice(8, length));
    }
}
