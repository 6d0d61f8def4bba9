using System.Buffers.Binary;
using Firmware.Application.Decisions;
using Hardware.Can;

namespace Firmware.Application.Eebl;

/// <summary>
/// The in-vehicle brake actuator request of the EEBL application. Project-defined layout, classic CAN,
/// 11-bit identifier <see cref="Id"/>, 8 octets:
/// <code>
/// 0     layout version (1)
/// 1     brake response (BrakeResponse: 0 none, 1 pre-charge only, 2 soft, 3 full)
/// 2     trust decision (TrustDecision: 0 act, 1 act with caution, 2 prepare only, 3 discard)
/// 3     decision table row (1..9)
/// 4-7   originating station ID of the warning's actionID, big-endian
/// </code>
/// Example: <c>01 03 00 01 00 00 04 d2</c> asks for full braking on an "act" decision (row 1) for station 1234.
/// </summary>
public static class BrakeRequestCanFrames
{
    /// <summary>CAN identifier of the brake request frame.</summary>
    public const uint Id = 0x3E1;

    /// <summary>Layout version.</summary>
    public const byte Version = 1;

    /// <summary>Encodes a request.</summary>
    public static CanFrame Encode(BrakeResponse response, TrustDecision decision, DecisionRow row, uint originatingStation)
    {
        Span<byte> data = stackalloc byte[8];
        data[0] = Version;
        data[1] = (byte)response;
        data[2] = (byte)decision;
        data[3] = (byte)row;
        BinaryPrimitives.WriteUInt32BigEndian(data[4..], originatingStation);
        return new CanFrame(Id, false, data);
    }

    /// <summary>Decodes a request (for the brake ECU side and tests).</summary>
    /// <exception cref="ArgumentException">Not a brake request frame of this layout.</exception>
    public static (BrakeResponse Response, TrustDecision Decision, DecisionRow Row, uint OriginatingStation) Decode(CanFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var d = frame.Data.ToArray();
        if (frame.Id != Id || frame.IsExtended || d.Length != 8 || d[0] != Version || !Enum.IsDefined((BrakeResponse)d[1])
            || !Enum.IsDefined((TrustDecision)d[2]) || !Enum.IsDefined((DecisionRow)d[3]))
        {
            throw new ArgumentException("not a brake request frame of layout 1", nameof(frame));
        }

        return ((BrakeResponse)d[1], (TrustDecision)d[2], (DecisionRow)d[3], BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(4)));
    }
}
