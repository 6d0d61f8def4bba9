using Firmware.SecurePartition.Encoding;

namespace Firmware.Tests.Encoding;

/// <summary>The compact binary encoding: known bytes (big-endian per RFC 1700 network order; UTF-8 per RFC 3629 examples) and named failure rows.</summary>
public sealed class EncodingTests
{
    [Fact]
    public void Writer_produces_the_documented_bytes()
    {
        var w = new ByteWriter()
            .U8(0x01).U16(0x0203).U32(0x04050607).U64(0x08090A0B0C0D0E0F).I32(-2).Bool(true)
            .Text("A\u00E9\u6C34").Bytes([0xAA]).List(new[] { (ushort)1, (ushort)2 }, static (w, x) => w.U16(x))
            .Time(DateTimeOffset.UnixEpoch.AddTicks(10));
        // RFC 3629 §7: U+00E9 is C3 A9 and U+6C34 is E6 B0 B4.
        Assert.Equal(Convert.FromHexString(
            "01" + "0203" + "04050607" + "08090A0B0C0D0E0F" + "FFFFFFFE" + "01" + "0006" + "41C3A9E6B0B4" + "00000001AA" + "000200010002" + "0000000000000001"),
            w.ToArray());
        var r = new ByteReader(w.ToArray(), "t");
        Assert.Equal(1, r.U8("a"));
        Assert.Equal(0x0203, r.U16("b"));
        Assert.Equal(0x04050607u, r.U32("c"));
        Assert.Equal(0x08090A0B0C0D0E0FUL, r.U64("d"));
        Assert.Equal(-2, r.I32("e"));
        Assert.True(r.Bool("f"));
        Assert.Equal("A\u00E9\u6C34", r.Text("g"));
        Assert.Equal([0xAA], r.Bytes("h", 10));
        Assert.Equal([(ushort)1, (ushort)2], r.List("i", 5, static r => r.U16("x")));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(10), r.Time("j"));
        r.ExpectEnd();
    }

    public static TheoryData<string, string, Action<ByteReader>> FailureRows => new()
    {
        { "short u32", "000102", r => r.U32("x") },
        { "boolean 2", "02", r => r.Bool("x") },
        { "bytes longer than left", "0000000501", r => r.Bytes("x", 100) },
        { "bytes over the limit", "0000000501020304 05", r => r.Bytes("x", 4) },
        { "text over the limit", "0003414243", r => r.Text("x", 2) },
        { "invalid UTF-8 (RFC 3629 §3: C0 80 overlong)", "0002C080", r => r.Text("x") },
        { "list over the limit", "0003", r => r.List("x", 2, static r => r.U8("y")) },
        { "NaN double", "7FF8000000000000", r => r.F64("x") },
        { "time past year 9999", "7FFFFFFFFFFFFFFF", r => r.Time("x") },
        { "bytes left over", "0102", r => { r.U8("x"); r.ExpectEnd(); } },
        { "undefined enum", "09", r => r.Enum<DayOfWeek>("x") },
    };

    [Theory]
    [MemberData(nameof(FailureRows))]
    public void Malformed_input_raises_one_typed_error(string name, string hex, Action<ByteReader> read)
    {
        var e = Assert.Throws<MalformedDataException>(() => read(new ByteReader(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)), name)));
        Assert.StartsWith(name + ".", e.Field, StringComparison.Ordinal);
    }
}
