using V2x.Oer;

namespace V2x.Security.Certificates;

/// <summary>IEEE 1609.2 PsidSspRange ::= SEQUENCE { psid Psid, sspRange SspRange OPTIONAL } (1609.2-2016 §6.4).</summary>
public sealed record PsidSspRange(Psid Psid, SspRange? SspRange = null);

/// <summary>EndEntityType ::= BIT STRING { app (0), enroll (1) } (SIZE (8)) (1609.2-2016 §6.4).</summary>
[Flags]
public enum EndEntityTypes
{
    App = 0x80,
    Enroll = 0x40,
}

/// <summary>
/// IEEE 1609.2 PsidGroupPermissions ::= SEQUENCE { subjectPermissions SubjectPermissions,
/// minChainLength INTEGER DEFAULT 1, chainLengthRange INTEGER DEFAULT 0, eeType EndEntityType
/// DEFAULT {app} } (1609.2-2016 §6.4); SubjectPermissions ::= CHOICE { explicit
/// SequenceOfPsidSspRange, all NULL, ... } (§6.4). Canonical OER omits components equal to
/// their DEFAULT (X.696 §16.3).
/// </summary>
public sealed record PsidGroupPermissions
{
    /// <summary>null means subjectPermissions all; otherwise the explicit list.</summary>
    public IReadOnlyList<PsidSspRange>? ExplicitPermissions { get; init; }

    public long MinChainLength { get; init; } = 1;

    public long ChainLengthRange { get; init; }

    public EndEntityTypes EeType { get; init; } = EndEntityTypes.App;

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (EeType == 0)
        {
            throw new ArgumentException("eeType has at least one bit set (ALL EXCEPT {})");
        }

        var bits = OerRules.PresenceBits(MinChainLength != 1, ChainLengthRange != 0, EeType != EndEntityTypes.App);
        writer.WritePreamble(false, false, bits, 3);
        if (ExplicitPermissions is null)
        {
            writer.WriteChoiceIndex(1);
        }
        else
        {
            writer.WriteChoiceIndex(0);
            writer.WriteQuantity(ExplicitPermissions.Count);
            foreach (var p in ExplicitPermissions)
            {
                writer.WritePreamble(false, false, p.SspRange is null ? 0u : 1u, 1);
                p.Psid.Encode(writer);
                p.SspRange?.Encode(writer);
            }
        }

        if (MinChainLength != 1)
        {
            writer.WriteUnconstrainedSigned(MinChainLength);
        }

        if (ChainLengthRange != 0)
        {
            writer.WriteUnconstrainedSigned(ChainLengthRange);
        }

        if (EeType != EndEntityTypes.App)
        {
            writer.WriteByte((byte)EeType);
        }
    }

    public static PsidGroupPermissions Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var bits = reader.ReadPreamble(false, 3, out _);
        reader.Push("subjectPermissions");
        List<PsidSspRange>? list = null;
        if (reader.ReadChoiceIndex(2, 0, out _) == 0)
        {
            var count = reader.ReadQuantity(minElementOctets: 3);
            list = new List<PsidSspRange>(count);
            for (var i = 0; i < count; i++)
            {
                var present = reader.ReadPreamble(false, 1, out _);
                var psid = Psid.Decode(reader);
                list.Add(new PsidSspRange(psid, present != 0 ? SspRange.Decode(reader) : null));
            }
        }

        reader.Pop();
        var result = new PsidGroupPermissions { ExplicitPermissions = list };
        if (OerReader.IsPresent(bits, 3, 0))
        {
            result = result with { MinChainLength = ReadNonDefault(reader, "minChainLength", 1) };
        }

        if (OerReader.IsPresent(bits, 3, 1))
        {
            result = result with { ChainLengthRange = ReadNonDefault(reader, "chainLengthRange", 0) };
        }

        if (OerReader.IsPresent(bits, 3, 2))
        {
            reader.Push("eeType");
            var start = reader.Position;
            var ee = reader.ReadFixedBitString(8).Span[0];
            if (ee == 0 || ee == (byte)EndEntityTypes.App)
            {
                throw reader.FailAt(start, ee == 0 ? "eeType with no bit set" : "non-canonical: eeType equal to its DEFAULT is encoded");
            }

            reader.Pop();
            result = result with { EeType = (EndEntityTypes)ee };
        }

        return result;
    }

    private static long ReadNonDefault(OerReader reader, string name, long defaultValue)
    {
        reader.Push(name);
        var start = reader.Position;
        var value = reader.ReadUnconstrainedSigned();
        if (value == defaultValue)
        {
            // X.696 §16.3 (canonical): a value equal to the DEFAULT is not encoded.
            throw reader.FailAt(start, $"non-canonical: {name} equal to its DEFAULT {defaultValue} is encoded");
        }

        reader.Pop();
        return value;
    }
}
