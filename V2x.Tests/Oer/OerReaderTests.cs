using V2x.Oer;

namespace V2x.Tests.Oer;

/// <summary>Named failure rows for non-canonical and hostile encodings (ITU-T X.696 canonical variant).</summary>
public sealed class OerReaderTests
{
    public static TheoryData<string, string, Action<OerReader>, string> FailRows => new()
    {
        { "truncated Uint32", "0102", r => r.ReadUInt32(), "truncated" },
        { "long-form length for 5", "8105", r => r.ReadLength(), "long form" },
        { "length with leading zero octet", "820080" + new string('0', 256), r => r.ReadLength(), "leading zero" },
        { "length overruns the buffer", "05aabb", r => r.ReadOctetString(), "overruns" },
        { "hostile 4-octet length", "84ffffffff", r => r.ReadOctetString(), "overruns" },
        { "indefinite length", "80", r => r.ReadLength(), "indefinite" },
        { "integer with leading zero", "020024", r => r.ReadSemiConstrainedUnsigned(), "leading zero" },
        { "integer of zero octets", "00", r => r.ReadSemiConstrainedUnsigned(), "zero content" },
        { "signed with redundant ff", "02ff80", r => r.ReadUnconstrainedSigned(), "redundant" },
        { "Uint8 out of range", "05", r => r.ReadConstrainedUnsigned(0, 3), "outside" },
        { "undefined enumeration", "07", r => r.ReadEnumerated(v => v < 3), "undefined enumeration" },
        { "enumerated long form for 5", "8105", r => r.ReadEnumerated(_ => true), "long form" },
        { "boolean 0x01", "01", r => r.ReadBoolean(), "BOOLEAN" },
        { "preamble padding set", "41", r => r.ReadPreamble(true, 6, out _), "padding" },
        { "extension bitmap with no addition present", "020400", r => r.ReadExtensionBitmap(), "no extension addition" },
        { "extension bitmap unused bits set", "020411", r => r.ReadExtensionBitmap(), "unused bits" },
        { "extension bitmap with no bits", "0100", r => r.ReadExtensionBitmap(), "without any bit" },
        { "bit string unused bits set", "0204ff", r => r.ReadBitString(0, 16, out _), "unused bits" },
        { "choice tag of universal class", "04", r => r.ReadChoiceIndex(5, 0, out _), "class" },
        { "choice tag beyond the type", "87", r => r.ReadChoiceIndex(5, 0, out _), "unknown choice" },
        { "tag long form below 63", "bf05", r => r.ReadTag(), "long form" },
        { "tag long form leading zero group", "bf8040", r => r.ReadTag(), "leading zero" },
        { "quantity larger than the bytes", "0164aa", r => r.ReadQuantity(), "overruns" },
        { "open type with trailing content", "02aabb", r => { var t = r.BeginOpenType(); r.ReadByte(); r.EndOpenType(t); }, "trailing" },
        { "invalid UTF-8", "02c328", r => r.ReadUtf8String(0, 255), "UTF-8" },
        { "trailing bytes", "00ff", r => { r.ReadByte(); r.ExpectEnd(); }, "trailing" },
    };

    [Theory]
    [MemberData(nameof(FailRows))]
    public void Rejects_with_a_decode_exception_naming_path_and_reason(string name, string hex, Action<OerReader> read, string reasonPart)
    {
        var reader = new OerReader(Hex.Parse(hex), "Root");
        reader.Push(name.Replace(' ', '_'));
        var error = Assert.Throws<DecodeException>(() => read(reader));
        Assert.Contains(reasonPart, error.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("Root.", error.FieldPath, StringComparison.Ordinal);
        Assert.InRange(error.ByteOffset, 0, hex.Length / 2);
    }

    public static TheoryData<string, string, Func<OerReader, object>, object> PassRows => new()
    {
        { "length 128 long form", "8180" + new string('0', 256), r => r.ReadLength(), 128 },
        { "Psid 0x8003", "028003", r => r.ReadSemiConstrainedUnsigned(), 0x8003UL },
        { "INTEGER -129", "02ff7f", r => r.ReadUnconstrainedSigned(), -129L },
        { "ENUMERATED 200", "8200c8", r => r.ReadEnumerated(_ => true), 200 },
        { "tag 200", "bf8148", r => r.ReadTag().Number, 200 },
        { "preamble ext+gen", "c0", r => r.ReadPreamble(true, 6, out _), 0b100000u },
        { "bitmap 1st of 4 (trailing zeros)", "020480", r => r.ReadExtensionBitmap().IsPresent(0), true },
        { "bitmap of a newer sender (9 bits)", "03070080", r => r.ReadExtensionBitmap().BitCount, 9 },
    };

    [Theory]
    [MemberData(nameof(PassRows))]
    public void Reads_canonical_encodings(string name, string hex, Func<OerReader, object> read, object expected)
    {
        var reader = new OerReader(Hex.Parse(hex), "Root");
        Assert.True(expected.Equals(read(reader)), name);
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_a_decode_error()
    {
        var reader = new OerReader(new byte[1], "Root");
        var error = Assert.Throws<DecodeException>(() =>
        {
            for (var i = 0; i < OerReader.MaxDepth; i++)
            {
                reader.Push("n");
            }
        });
        Assert.Contains("nesting", error.Reason, StringComparison.Ordinal);
    }
}
