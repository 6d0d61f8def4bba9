using V2x.Oer;

namespace V2x.Security;

/// <summary>
/// IEEE 1609.2 Psid ::= INTEGER (0..MAX) (1609.2-2022 §6.3 base types): the provider service
/// identifier (ITS-AID) of IEEE 1609.12 / ISO TS 17419. OER: semi-constrained integer (X.696 §10.6).
/// </summary>
public readonly record struct Psid(ulong Value)
{
    /// <summary>CA basic service (ETSI EN 302 637-2), PSID 0x24.</summary>
    public static readonly Psid Cam = new(36);

    /// <summary>DEN basic service (ETSI EN 302 637-3), PSID 0x25.</summary>
    public static readonly Psid Denm = new(37);

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteSemiConstrainedUnsigned(Value);
    }

    public static Psid Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new Psid(reader.ReadSemiConstrainedUnsigned());
    }

    public override string ToString() => $"0x{Value:X}";
}
