using V2x.Per;

namespace V2x.Tests.Per;

/// <summary>
/// Known answers from outside the project: eerimoq/asn1tools, tests/test_uper.py (test_integer,
/// test_bit_string, test_octet_string, test_enumerated, test_sequence, test_sequence_of,
/// test_choice, test_utf8_string, test_numeric_string, test_ia5_string). Each row names the
/// asn1tools type and value; the ASN.1 of the type is in the row's comment. asn1tools prints a
/// zero-bit encoding as b''; X.691 §11.1.3 makes the complete encoding the single octet 00.
/// </summary>
public class UperVectorsTests
{
    public static TheoryData<PerVector> Vectors => new(IntegerRows().Concat(StringRows()).Concat(StructureRows()));

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Encodes_to_the_published_bytes(PerVector row)
    {
        var writer = new UperWriter();
        row.Encode(writer);
        Assert.Equal(Hex.Of(row.Encoding), Hex.Of(writer.ToArray()));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decodes_the_published_bytes(PerVector row)
    {
        var reader = new UperReader(row.Encoding);
        var value = row.Decode(reader);
        reader.ExpectEnd();
        Assert.Equal(row.Expected, value);
    }

    private static PerVector Int(string name, long value, string hex) => new(
        $"INTEGER {name}",
        w => w.WriteUnconstrainedInteger(value, "a"),
        r => r.ReadUnconstrainedInteger("a"),
        value,
        Hex.Parse(hex));

    private static PerVector Ranged(string name, long lb, long ub, long value, string hex) => new(
        $"INTEGER ({lb}..{ub}) {name}",
        w => w.WriteConstrainedWholeNumber(value, lb, ub, "a"),
        r => r.ReadConstrainedWholeNumber(lb, ub, "a"),
        value,
        Hex.Parse(hex));

    private static IEnumerable<PerVector> IntegerRows()
    {
        // A ::= INTEGER
        yield return Int("A 32768", 32768, "03008000");
        yield return Int("A 32767", 32767, "027fff");
        yield return Int("A 256", 256, "020100");
        yield return Int("A 255", 255, "0200ff");
        yield return Int("A 128", 128, "020080");
        yield return Int("A 127", 127, "017f");
        yield return Int("A 1", 1, "0101");
        yield return Int("A 0", 0, "0100");
        yield return Int("A -1", -1, "01ff");
        yield return Int("A -128", -128, "0180");
        yield return Int("A -129", -129, "02ff7f");
        yield return Int("A -256", -256, "02ff00");
        yield return Int("A -32768", -32768, "028000");
        yield return Int("A -32769", -32769, "03ff7fff");

        // B ::= INTEGER (5..99); C ::= INTEGER (-10..10); E ::= INTEGER (1000..1000)
        yield return Ranged("B 5", 5, 99, 5, "00");
        yield return Ranged("B 6", 5, 99, 6, "02");
        yield return Ranged("B 99", 5, 99, 99, "bc");
        yield return Ranged("C -10", -10, 10, -10, "00");
        yield return Ranged("C -1", -10, 10, -1, "48");
        yield return Ranged("C 0", -10, 10, 0, "50");
        yield return Ranged("C 1", -10, 10, 1, "58");
        yield return Ranged("C 10", -10, 10, 10, "a0");
        yield return Ranged("E 1000", 1000, 1000, 1000, "00");

        // D ::= INTEGER (5..99, ...); I ::= INTEGER (5..99, ..., 101..105)
        yield return new PerVector("INTEGER (5..99, ...) D 99", w => w.WriteExtensibleInteger(99, 5, 99, "a"), r => r.ReadExtensibleInteger(5, 99, "a"), 99L, Hex.Parse("5e"));
        yield return new PerVector("INTEGER (5..99, ..., 101..105) I 103", w => w.WriteExtensibleInteger(103, 5, 99, "a"), r => r.ReadExtensibleInteger(5, 99, "a"), 103L, Hex.Parse("80b380"));

        // J ::= SEQUENCE { a BOOLEAN, b INTEGER (-10000..704000000000000001), c BOOLEAN }: a 60-bit range
        yield return new PerVector(
            "SEQUENCE J {TRUE, 0, TRUE}",
            w =>
            {
                w.WriteBoolean(true);
                w.WriteConstrainedWholeNumber(0, -10000, 704000000000000001, "b");
                w.WriteBoolean(true);
            },
            r => (r.ReadBoolean("a"), r.ReadConstrainedWholeNumber(-10000, 704000000000000001, "b"), r.ReadBoolean("c")),
            (true, 0L, true),
            Hex.Parse("8000000000013884"));
    }

    private static IEnumerable<PerVector> StringRows()
    {
        // A ::= BIT STRING
        yield return Bits("A ''", 0, -1, false, new BitString([], 0), "00");
        yield return Bits("A '0'B", 0, -1, false, new BitString([0x00], 1), "0100");
        yield return Bits("A '0100'B", 0, -1, false, new BitString([0x40], 4), "0440");
        yield return Bits("A 9 zero bits", 0, -1, false, new BitString([0, 0], 9), "090000");
        var long2399 = Hex.Repeat("55", 299).Append((byte)0x54).ToArray();
        yield return Bits("A 2399 bits", 0, -1, false, new BitString(long2399, 2399), "895f" + Hex.Of(long2399));

        // B ::= BIT STRING (SIZE (9)); C ::= BIT STRING (SIZE (5..7)); U ::= BIT STRING (SIZE (1..160, ...))
        yield return Bits("B", 9, 9, false, new BitString([0x12, 0x80], 9), "1280");
        yield return Bits("C", 5, 7, false, new BitString([0x34], 6), "4d");
        yield return Bits("U", 1, 160, true, new BitString([0x80], 1), "0040");

        // A ::= OCTET STRING; B (SIZE (2)); D (SIZE (3..7)); F (SIZE (1..MAX)); H (SIZE (65536)); K (SIZE (1..2, ...))
        yield return Octets("A 00", 0, -1, false, "00", "0100");
        yield return Octets("A 500 octets", 0, -1, false, Hex.Of(new byte[500]), "81f4" + Hex.Of(new byte[500]));
        yield return Octets("B", 2, 2, false, "abcd", "abcd");
        yield return Octets("D", 3, 7, false, "89abcdef", "313579bde0");
        yield return Octets("F", 1, -1, false, "12", "0112");
        var h = Hex.Repeat("0102", 32768);
        yield return Octets("H 64K fragments", 65536, 65536, false, Hex.Of(h), "c4" + Hex.Of(h) + "00");
        yield return Octets("K root", 1, 2, true, "1234", "448d00");
        yield return Octets("K extension", 1, 2, true, "123456", "81891a2b00");

        // NumericString: A unconstrained; B (SIZE (5)); H (SIZE (2..MAX))
        yield return new PerVector("NumericString A", w => w.WriteNumericString(" 0123456789", 0, -1, "a"), r => r.ReadNumericString(0, -1, "a"), " 0123456789", Hex.Parse("0b0123456789a0"));
        yield return new PerVector("NumericString B", w => w.WriteNumericString("1 9 5", 5, 5, "a"), r => r.ReadNumericString(5, 5, "a"), "1 9 5", Hex.Parse("20a060"));
        yield return new PerVector("NumericString H", w => w.WriteNumericString("345", 2, -1, "a"), r => r.ReadNumericString(2, -1, "a"), "345", Hex.Parse("034560"));

        // IA5String: A unconstrained; B (SIZE (1..256)); C (SIZE (2))
        yield return new PerVector("IA5String A", w => w.WriteIa5String("bar", 0, -1, "a"), r => r.ReadIa5String(0, -1, "a"), "bar", Hex.Parse("03c58790"));
        yield return new PerVector("IA5String B", w => w.WriteIa5String("Hej", 1, 256, "a"), r => r.ReadIa5String(1, 256, "a"), "Hej", Hex.Parse("02919750"));
        yield return new PerVector("IA5String C", w => w.WriteIa5String("He", 2, 2, "a"), r => r.ReadIa5String(2, 2, "a"), "He", Hex.Parse("9194"));

        // UTF8String: E unconstrained; A ::= SEQUENCE { a BOOLEAN, b UTF8String, c UTF8String OPTIONAL }
        yield return new PerVector("UTF8String E bar", w => w.WriteUtf8String("bar", 0, -1, "a"), r => r.ReadUtf8String(0, -1, "a"), "bar", Hex.Parse("03626172"));
        yield return new PerVector("UTF8String E multi-octet", w => w.WriteUtf8String("a\u1010c", 0, -1, "a"), r => r.ReadUtf8String(0, -1, "a"), "a\u1010c", Hex.Parse("0561e1809063"));
        yield return new PerVector(
            "SEQUENCE A {TRUE, '1', 'foo'}",
            w =>
            {
                w.WriteBit(true);
                w.WriteBoolean(true);
                w.WriteUtf8String("1", 0, -1, "b");
                w.WriteUtf8String("foo", 0, -1, "c");
            },
            r => (r.ReadBit("c-present"), r.ReadBoolean("a"), r.ReadUtf8String(0, -1, "b"), r.ReadUtf8String(0, -1, "c")),
            (true, true, "1", "foo"),
            Hex.Parse("c04c40d99bdbc0"));
    }

    private static IEnumerable<PerVector> StructureRows()
    {
        // B ::= ENUMERATED { zero(0), one(1), ... }
        yield return Enum("B zero", 0, 2, true, 0, "00");
        yield return Enum("B one", 1, 2, true, 0, "40");

        // C ::= ENUMERATED { one(1), four(4), two(2), ..., six(6), nine(9) }: root indexes by value one 0, two 1, four 2
        yield return Enum("C one", 0, 3, true, 2, "00");
        yield return Enum("C two", 1, 3, true, 2, "20");
        yield return Enum("C four", 2, 3, true, 2, "40");
        yield return Enum("C six", 3, 3, true, 2, "80");
        yield return Enum("C nine", 4, 3, true, 2, "81");

        // D ::= ENUMERATED { a, ..., aa, ab, ... }: extension index 0, 63 and 64 (long form)
        yield return Enum("D aa", 1, 1, true, 300, "80");
        yield return Enum("D cl", 64, 1, true, 300, "bf");
        yield return Enum("D cm", 65, 1, true, 300, "c05000");

        // C ::= SEQUENCE { a BOOLEAN, ... }
        yield return new PerVector("SEQUENCE C {TRUE}", w =>
        {
            w.WriteBit(false);
            w.WriteBoolean(true);
        }, r => (r.ReadBit("ext"), r.ReadBoolean("a")), (false, true), Hex.Parse("40"));

        // D ::= SEQUENCE { a BOOLEAN, ..., [[ b BOOLEAN ]] }
        yield return new PerVector("SEQUENCE D {TRUE, TRUE}", w =>
        {
            w.WriteBit(true);
            w.WriteBoolean(true);
            w.WriteExtensionAdditions([iw => iw.WriteBoolean(true)], "ext");
        }, r => ReadWithAdditions(r, 1), (true, "1"), Hex.Parse("c0406000"));

        // K ::= SEQUENCE { a BOOLEAN, ..., b BOOLEAN, c BOOLEAN }
        yield return new PerVector("SEQUENCE K {a, b}", w =>
        {
            w.WriteBit(true);
            w.WriteBoolean(true);
            w.WriteExtensionAdditions([iw => iw.WriteBoolean(true), null], "ext");
        }, r => ReadWithAdditions(r, 2), (true, "1-"), Hex.Parse("c0c03000"));
        yield return new PerVector("SEQUENCE K {a, b, c}", w =>
        {
            w.WriteBit(true);
            w.WriteBoolean(true);
            w.WriteExtensionAdditions([iw => iw.WriteBoolean(true), iw => iw.WriteBoolean(true)], "ext");
        }, r => ReadWithAdditions(r, 2), (true, "11"), Hex.Parse("c0e030003000"));

        // V ::= SEQUENCE { ..., a BOOLEAN OPTIONAL, b BOOLEAN OPTIONAL, c BOOLEAN OPTIONAL }
        yield return new PerVector("SEQUENCE V {a FALSE}", w =>
        {
            w.WriteBit(true);
            w.WriteExtensionAdditions([iw => iw.WriteBoolean(false), null, null], "ext");
        }, r =>
        {
            r.ReadBit("ext");
            var seen = new List<string>();
            r.ReadExtensionAdditions(3, (i, ir) => seen.Add($"{i}:{ir.ReadBoolean("x")}"), "ext");
            return string.Join(",", seen);
        }, "0:False", Hex.Parse("82802000"));

        // W ::= SEQUENCE { ..., a1 BOOLEAN, ... a65 BOOLEAN }: 65 additions need the long normally small length
        yield return new PerVector("SEQUENCE W {a1 TRUE}", w =>
        {
            w.WriteBit(true);
            var additions = new Action<UperWriter>?[65];
            additions[0] = iw => iw.WriteBoolean(true);
            w.WriteExtensionAdditions(additions, "ext");
        }, r =>
        {
            r.ReadBit("ext");
            var seen = new List<int>();
            r.ReadExtensionAdditions(65, (i, ir) => seen.Add(ir.ReadBoolean("x") ? i : -1), "ext");
            return string.Join(",", seen);
        }, "0", Hex.Parse("d06000000000000000003000"));

        // A ::= SEQUENCE OF INTEGER; C ::= SEQUENCE SIZE (1..5) OF INTEGER; D ::= SEQUENCE SIZE (1..2, ...) OF INTEGER
        yield return IntList("A []", 0, -1, false, [], "00");
        yield return IntList("A [1]", 0, -1, false, [1], "010101");
        yield return IntList("A 16384 x 1 (fragmented)", 0, -1, false, Enumerable.Repeat(1L, 16384).ToArray(), "c1" + Hex.Of(Hex.Repeat("0101", 16384)) + "00");
        yield return IntList("C [1]", 1, 5, false, [1], "002020");
        yield return IntList("C [1, 2]", 1, 5, false, [1, 2], "2020202040");
        yield return IntList("D [2, 1]", 1, 2, true, [2, 1], "4040804040");
        yield return IntList("E 6 x 1 (size extension)", 1, 2, true, Enumerable.Repeat(1L, 6).ToArray(), "8300" + string.Concat(Enumerable.Repeat("80", 12)));

        // B ::= CHOICE { a BOOLEAN, ... }; C ::= CHOICE { a BOOLEAN, b INTEGER, ..., [[ c BOOLEAN ]] }
        yield return new PerVector("CHOICE B a", w =>
        {
            w.WriteChoiceIndex(0, 1, true, "c");
            w.WriteBoolean(true);
        }, r => (r.ReadChoiceIndex(1, true, "c"), r.ReadBoolean("a")), (new PerChoice(false, 0), true), Hex.Parse("40"));
        yield return new PerVector("CHOICE C b", w =>
        {
            w.WriteChoiceIndex(1, 2, true, "c");
            w.WriteUnconstrainedInteger(1, "b");
        }, r => (r.ReadChoiceIndex(2, true, "c"), r.ReadUnconstrainedInteger("b")), (new PerChoice(false, 1), 1L), Hex.Parse("404040"));
        yield return new PerVector("CHOICE C c (extension)", w => w.WriteChoiceExtension(0, iw => iw.WriteBoolean(true), "c"),
            r => (r.ReadChoiceIndex(2, true, "c"), r.ReadOpenType(ir => ir.ReadBoolean("c"), "c")), (new PerChoice(true, 0), true), Hex.Parse("800180"));

        // L ::= CHOICE { a, b, c, ..., d, e, f, g, h, i }: extension alternative i has index 5
        yield return new PerVector("CHOICE L i", w => w.WriteChoiceExtension(5, iw => iw.WriteBoolean(true), "c"),
            r => (r.ReadChoiceIndex(3, true, "c"), r.ReadOpenType(ir => ir.ReadBoolean("i"), "c")), (new PerChoice(true, 5), true), Hex.Parse("850180"));
    }

    private static PerVector Bits(string name, int min, int max, bool extensible, BitString value, string hex) => new(
        $"BIT STRING {name}",
        w => w.WriteBitString(value, min, max, extensible, "a"),
        r => r.ReadBitString(min, max, extensible, "a"),
        value,
        Hex.Parse(hex));

    private static PerVector Octets(string name, int min, int max, bool extensible, string value, string hex) => new(
        $"OCTET STRING {name}",
        w => w.WriteOctetString(Hex.Parse(value), min, max, extensible, "a"),
        r => Hex.Of(r.ReadOctetString(min, max, extensible, "a")),
        value,
        Hex.Parse(hex));

    private static PerVector Enum(string name, int index, int rootCount, bool extensible, int extensions, string hex) => new(
        $"ENUMERATED {name}",
        w => w.WriteEnumerated(index, rootCount, extensible, "e"),
        r => r.ReadEnumerated(rootCount, extensible, extensions, "e"),
        index,
        Hex.Parse(hex));

    private static PerVector IntList(string name, int min, int max, bool extensible, long[] items, string hex) => new(
        $"SEQUENCE OF INTEGER {name}",
        w => w.WriteSequenceOf(items, min, max, extensible, static (iw, v) => iw.WriteUnconstrainedInteger(v, "i"), "l"),
        r => string.Join(",", r.ReadSequenceOf(min, max, extensible, static ir => ir.ReadUnconstrainedInteger("i"), "l")),
        string.Join(",", items),
        Hex.Parse(hex));

    /// <summary>Reads "a BOOLEAN, ..., additions of one BOOLEAN each"; returns a and a presence/value map of the additions.</summary>
    private static (bool A, string Additions) ReadWithAdditions(UperReader r, int known)
    {
        var extended = r.ReadBit("ext");
        var a = r.ReadBoolean("a");
        var seen = new char[known];
        Array.Fill(seen, '-');
        if (extended)
        {
            r.ReadExtensionAdditions(known, (i, ir) => seen[i] = ir.ReadBoolean("x") ? '1' : '0', "ext");
        }

        return (a, new string(seen));
    }
}
