using System.Buffers.Binary;
using Hardware.Can;
using V2x.Integrity;

namespace Firmware.Application.Sending;

/// <summary>
/// The in-vehicle message of option 1 (patent ¶116: "to an OBU/ECU over CAN"): the integrity status the OBU
/// sends to the HMI unit. Project-defined layout, classic CAN, 11-bit identifier <see cref="Id"/>, 8 octets:
/// <code>
/// 0     layout version (1)
/// 1     state: 1 detection (messages are being withheld), 0 cleared
/// 2     level (IntegrityLevel: 0 no anomaly, 1 anomaly, 2 high anomaly, 3 compromised)
/// 3-4   detector bitmap (DetectorFlags), big-endian
/// 5-6   messages withheld since the detection began (u16, saturating), big-endian
/// 7     PSID of the last withheld message, low octet (36 CAM, 37 DENM)
/// </code>
/// Example: <c>01 01 02 20 00 00 01 24</c> is a high anomaly by the network detector, one CAM withheld.
/// </summary>
public static class HmiCanFrames
{
    /// <summary>CAN identifier of the integrity status frame.</summary>
    public const uint Id = 0x3E0;

    /// <summary>Layout version.</summary>
    public const byte Version = 1;

    /// <summary>Encodes a status frame.</summary>
    public static CanFrame Encode(bool detection, IntegrityLevel level, DetectorFlags detectors, int withheld, byte psidLow)
    {
        Span<byte> data = stackalloc byte[8];
        data[0] = Version;
        data[1] = detection ? (byte)1 : (byte)0;
        data[2] = (byte)level;
        BinaryPrimitives.WriteUInt16BigEndian(data[3..], (ushort)detectors);
        BinaryPrimitives.WriteUInt16BigEndian(data[5..], (ushort)Math.Clamp(withheld, 0, ushort.MaxValue));
        data[7] = psidLow;
        return new CanFrame(Id, false, data);
    }

    /// <summary>Decodes a status frame (for the HMI side and tests).</summary>
    /// <exception cref="ArgumentException">Not an integrity status frame of this layout.</exception>
    public static (bool Detection, IntegrityLevel Level, DetectorFlags Detectors, int Withheld, byte PsidLow) Decode(CanFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var d = frame.Data.ToArray();
        if (frame.Id != Id || frame.IsExtended || d.Length != 8 || d[0] != Version || d[1] > 1 || d[2] > 3)
        {
            throw new ArgumentException("not an integrity status frame of layout 1", nameof(frame));
        }

        return (d[1] == 1, (IntegrityLevel)d[2], (DetectorFlags)BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(3)), BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(5)), d[7]);
    }
}
