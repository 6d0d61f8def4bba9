using V2x.Per;

namespace V2x.Tests.Per;

/// <summary>
/// Malformed UPER: each row must end in one <see cref="DecodeException"/> naming the field path,
/// the byte offset and the reason; nothing else may escape the reader.
/// </summary>
public class UperFailureTests
{
    public static TheoryData<PerFailure> Rows => new(
        new PerFailure("constrained value beyond the upper bound (0..2 read as 3)", Hex.Parse("c0"),
            r => r.ReadConstrainedWholeNumber(0, 2, "a"), "root.a", 0, "outside (0..2)"),
        new PerFailure("truncated constrained whole number", Hex.Parse("ff"),
            r => r.ReadConstrainedWholeNumber(0, 65535, "a"), "root.a", 0, "truncated"),
        new PerFailure("integer length of zero octets", Hex.Parse("00"),
            r => r.ReadUnconstrainedInteger("a"), "root.a", 1, "zero octets"),
        new PerFailure("integer of nine octets", Hex.Parse("09010203040506070809"),
            r => r.ReadUnconstrainedInteger("a"), "root.a", 1, "does not fit in 64 bits"),
        new PerFailure("non-minimal two's-complement integer (X.691 §11.4)", Hex.Parse("020001"),
            r => r.ReadUnconstrainedInteger("a"), "root.a", 3, "non-minimal"),
        new PerFailure("non-minimal semi-constrained integer (X.691 §11.3)", Hex.Parse("020005"),
            r => r.ReadSemiConstrainedWholeNumber(0, "a"), "root.a", 3, "non-minimal"),
        new PerFailure("root value encoded as an extension (X.691 §13.1)", Hex.Parse("808800"),
            r => r.ReadExtensibleInteger(5, 99, "a"), "root.a", 2, "in the root range"),
        new PerFailure("normally small number below 64 in the long form", Hex.Parse("808280"),
            r => r.ReadNormallySmallNonNegativeWholeNumber("a"), "root.a", 2, "short form"),
        new PerFailure("fragment multiplier 0 (asn1tools test_utf8_string)", Hex.Parse("70000000"),
            r =>
            {
                r.ReadBit("c-present");
                r.ReadBoolean("a");
                r.ReadUtf8String(0, -1, "b");
            }, "root.b", 1, "multiplier 0"),
        new PerFailure("fragment multiplier 5", Hex.Parse("c5"),
            r => r.ReadOctetString(0, -1, false, "a"), "root.a", 1, "multiplier 5"),
        new PerFailure("octet string longer than the input", Hex.Parse("050102"),
            r => r.ReadOctetString(0, -1, false, "a"), "root.a", 1, "exceeds the input"),
        new PerFailure("constrained size beyond the upper bound (SIZE(1..5) count 8)", Hex.Parse("e0"),
            r => r.ReadSequenceOf(1, 5, false, ir => ir.ReadBoolean("x"), "l"), "root.l", 0, "outside (1..5)"),
        new PerFailure("size in the root but encoded as an extension", Hex.Parse("808080"),
            r => r.ReadSequenceOf(1, 2, true, ir => ir.ReadBoolean("x"), "l"), "root.l", 1, "in the root"),
        new PerFailure("sequence-of count beyond the input", Hex.Parse("7f"),
            r => r.ReadSequenceOf(0, -1, false, ir => ir.ReadBoolean("x"), "l"), "root.l", 1, "exceeds the input"),
        new PerFailure("NumericString index 11 (asn1tools test_numeric_string)", Hex.Parse("01b0"),
            r => r.ReadNumericString(0, -1, "a"), "root.a", 1, "outside the alphabet"),
        new PerFailure("invalid UTF-8", Hex.Parse("01ff"),
            r => r.ReadUtf8String(0, -1, "a"), "root.a", 2, "invalid UTF-8"),
        new PerFailure("UTF8String longer than its size constraint", Hex.Parse("03616263"),
            r => r.ReadUtf8String(1, 2, "a"), "root.a", 4, "3 characters"),
        new PerFailure("unknown enumeration extension", Hex.Parse("80"),
            r => r.ReadEnumerated(2, true, 0, "e"), "root.e", 1, "unknown enumeration extension"),
        new PerFailure("enumeration index beyond the root (3 values read as 3)", Hex.Parse("c0"),
            r => r.ReadEnumerated(3, false, 0, "e"), "root.e", 0, "outside (0..2)"),
        new PerFailure("choice index beyond the root (3 alternatives read as 3)", Hex.Parse("c0"),
            r => r.ReadChoiceIndex(3, false, "c"), "root.c", 0, "outside (0..2)"),
        new PerFailure("extension bit set but no addition present", Hex.Parse("8000"),
            r =>
            {
                r.ReadBit("ext");
                r.SkipExtensionAdditions("ext");
            }, "root.ext", 1, "no extension addition present"),
        new PerFailure("open type holding a trailing octet", Hex.Parse("8081407f80"),
            r =>
            {
                r.ReadBit("ext");
                r.ReadExtensionAdditions(1, (_, ir) => ir.ReadBoolean("b"), "ext");
            }, "root.ext[0]", 1, "trailing octet"),
        new PerFailure("open type with non-zero padding", Hex.Parse("8080e000"),
            r =>
            {
                r.ReadBit("ext");
                r.ReadExtensionAdditions(1, (_, ir) => ir.ReadBoolean("b"), "ext");
            }, "root.ext[0]", 2, "non-zero padding"),
        new PerFailure("empty open type", Hex.Parse("808000"),
            r =>
            {
                r.ReadBit("ext");
                r.SkipExtensionAdditions("ext");
            }, "root.ext[0]", 2, "empty open type"),
        new PerFailure("trailing octet after the complete encoding", Hex.Parse("8000"),
            r =>
            {
                r.ReadBoolean("a");
                r.ExpectEnd();
            }, "root", 0, "trailing octet"),
        new PerFailure("non-zero padding after the complete encoding", Hex.Parse("c0"),
            r =>
            {
                r.ReadBoolean("a");
                r.ExpectEnd();
            }, "root", 1, "non-zero padding"),
        new PerFailure("empty input", [],
            r => r.ExpectEnd(), "root", 0, "empty encoding"),
        new PerFailure("field path through nested components", Hex.Parse("00"),
            r =>
            {
                using (r.Field("outer"))
                using (r.Field("inner"))
                {
                    r.ReadBits(16, "leaf");
                }
            }, "root.outer.inner.leaf", 0, "truncated"));

    [Theory]
    [MemberData(nameof(Rows))]
    public void Rejects_with_one_typed_error(PerFailure row)
    {
        var reader = new UperReader(row.Input, "root");
        var error = Assert.Throws<DecodeException>(() => row.Decode(reader));
        Assert.Equal(row.FieldPath, error.FieldPath);
        Assert.Equal(row.ByteOffset, error.ByteOffset);
        Assert.Contains(row.Reason, error.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, Action<UperWriter>, string> CallerMistakes => new()
    {
        { "value above the upper bound", w => w.WriteConstrainedWholeNumber(3, 0, 2, "a"), "root.a" },
        { "value below the lower bound of a semi-constrained number", w => w.WriteSemiConstrainedWholeNumber(-1, 0, "a"), "root.a" },
        { "octet string longer than its fixed size", w => w.WriteOctetString(new byte[3], 2, 2, false, "a"), "root.a" },
        { "IA5String with a character beyond 0x7F", w => w.WriteIa5String("é", 0, -1, "a"), "root.a" },
        { "NumericString with a letter", w => w.WriteNumericString("12a", 0, -1, "a"), "root.a" },
        { "UTF8String longer than its size", w => w.WriteUtf8String("abc", 1, 2, "a"), "root.a" },
        { "named bits beyond the size", w => w.WriteFixedBits(0x100, 8, "a"), "root.a" },
        { "enumeration value beyond a non-extensible root", w => w.WriteEnumerated(3, 3, false, "e"), "root.e" },
        { "sequence-of count beyond the size", w => w.WriteSequenceOf(new[] { 1, 2, 3 }, 1, 2, false, (iw, v) => iw.WriteBoolean(true), "l"), "root.l" },
        { "nested path", w =>
            {
                using (w.Field("outer"))
                {
                    w.WriteConstrainedWholeNumber(-1, 0, 1, "leaf");
                }
            }, "root.outer.leaf" },
    };

    [Theory]
    [MemberData(nameof(CallerMistakes))]
    public void Rejects_a_caller_mistake_naming_the_field(string name, Action<UperWriter> encode, string path)
    {
        _ = name;
        var writer = new UperWriter("root");
        var error = Assert.ThrowsAny<ArgumentException>(() => encode(writer));
        Assert.Equal(path, error.ParamName);
    }

    [Fact]
    public void Extension_additions_need_at_least_one_present()
    {
        var writer = new UperWriter("root");
        Assert.Throws<ArgumentException>(() => writer.WriteExtensionAdditions([null, null], "ext"));
        Assert.Equal(0, writer.BitLength);
    }
}
