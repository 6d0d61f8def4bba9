using V2x.Oer;

namespace V2x.Tests.Oer;

/// <summary>Canonical encodings of ITU-T X.696 (clause beside each row).</summary>
public sealed class OerWriterTests
{
    public static TheoryData<string, Action<OerWriter>, string> Rows => new()
    {
        // X.696 §8.6.3-8.6.4: short form below 128, long form minimal from 128.
        { "length 0", w => w.WriteLength(0), "00" },
        { "length 127", w => w.WriteLength(127), "7f" },
        { "length 128", w => w.WriteLength(128), "8180" },
        { "length 256", w => w.WriteLength(256), "820100" },
        // X.696 §10.3: fixed sizes from the upper bound.
        { "Uint8 200", w => w.WriteConstrainedUnsigned(200, 255), "c8" },
        { "Uint16 258", w => w.WriteConstrainedUnsigned(258, 65535), "0102" },
        { "Uint32 1", w => w.WriteConstrainedUnsigned(1, uint.MaxValue), "00000001" },
        // X.696 §10.4: signed fixed size, two's complement (Latitude -1).
        { "Latitude -1", w => w.WriteConstrainedSigned(-1, -900000000, 900000001), "ffffffff" },
        // X.696 §10.6: semi-constrained minimal octets (Psid 36, 0x8003).
        { "Psid 36", w => w.WriteSemiConstrainedUnsigned(36), "0124" },
        { "Psid 0", w => w.WriteSemiConstrainedUnsigned(0), "0100" },
        { "Psid 0x8003", w => w.WriteSemiConstrainedUnsigned(0x8003), "028003" },
        // X.696 §10.8: unconstrained signed minimal two's complement.
        { "INTEGER 128", w => w.WriteUnconstrainedSigned(128), "020080" },
        { "INTEGER -129", w => w.WriteUnconstrainedSigned(-129), "02ff7f" },
        // X.696 §11: enumerated short and long form.
        { "ENUMERATED 2", w => w.WriteEnumerated(2), "02" },
        { "ENUMERATED 200", w => w.WriteEnumerated(200), "8200c8" },
        // X.696 §12.
        { "BOOLEAN true", w => w.WriteBoolean(true), "ff" },
        // X.696 §16.2: extension bit then 6 presence bits, padded (HeaderInfo with generationTime).
        { "preamble ext+6 gen", w => w.WritePreamble(true, false, 0b100000, 6), "40" },
        { "preamble 9 bits", w => w.WritePreamble(false, false, 0b100000001, 9), "8080" },
        // X.696 §16.4: one bit per addition of the type (HeaderInfo has 4), unused bits zero.
        { "ext bitmap 4th of 4", w => w.WriteExtensionBitmap(0b1000, 4), "020410" },
        { "ext bitmap 1st of 4", w => w.WriteExtensionBitmap(0b0001, 4), "020480" },
        { "ext bitmap 1st of 1", w => w.WriteExtensionBitmap(0b1, 1), "020780" },
        { "ext bitmap 9th of 9", w => w.WriteExtensionBitmap(0x100, 9), "03070080" },
        // X.696 §8.7: tags.
        { "context tag 4", w => w.WriteChoiceIndex(4), "84" },
        { "context tag 100", w => w.WriteTag(OerTagClass.Context, 100), "bf64" },
        { "context tag 200", w => w.WriteTag(OerTagClass.Context, 200), "bf8148" },
        // X.696 §13: variable bit string: length, unused bits, octets.
        { "BIT STRING 12 bits", w => w.WriteBitString([0xAB, 0xC0], 12), "0304abc0" },
        // X.696 §17: quantity (one length octet and the count).
        { "quantity 2", w => w.WriteQuantity(2), "0102" },
        // X.696 §24: open type wraps a value in a length.
        { "open type", w => { var m = w.BeginOpenType(); w.WriteByte(0x42); w.EndOpenType(m); }, "0142" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Writes_the_canonical_encoding(string name, Action<OerWriter> write, string expected)
    {
        var writer = new OerWriter(1);
        write(writer);
        Assert.True(expected == Hex.Of(writer.WrittenSpan), $"{name}: {Hex.Of(writer.WrittenSpan)}");
    }

    [Fact]
    public void Open_type_longer_than_127_octets_moves_its_content_for_a_long_length()
    {
        var writer = new OerWriter(4);
        var mark = writer.BeginOpenType();
        writer.WriteRaw(new byte[200]);
        writer.EndOpenType(mark);
        Assert.Equal("81c8", Hex.Of(writer.WrittenSpan[..2]));
        Assert.Equal(202, writer.Length);
    }

    public static TheoryData<string, Action<OerWriter>> CallerMistakes => new()
    {
        { "value above bound", w => w.WriteConstrainedUnsigned(256, 255) },
        { "signed out of range", w => w.WriteConstrainedSigned(900000002, -900000000, 900000001) },
        { "fixed octets wrong size", w => w.WriteFixedOctets(new byte[3], 4) },
        { "bit string unused bits set", w => w.WriteBitString([0xFF], 4) },
        { "empty extension bitmap", w => w.WriteExtensionBitmap(0, 4) },
        { "addition beyond the type", w => w.WriteExtensionBitmap(0b10000, 4) },
    };

    [Theory]
    [MemberData(nameof(CallerMistakes))]
    public void Caller_mistakes_throw_argument_exceptions_and_write_nothing(string name, Action<OerWriter> write)
    {
        var writer = new OerWriter();
        Assert.ThrowsAny<ArgumentException>(() => write(writer));
        Assert.True(writer.Length == 0, name);
    }
}
