using CsCheck;
using V2x.Per;

namespace V2x.Tests.Per;

/// <summary>
/// Property-based round trips of the UPER primitives over generated constraints and values, each
/// value written between two marker bits so that a primitive consuming a wrong number of bits is caught.
/// </summary>
public class UperRoundTripTests
{
    private static readonly Gen<(long Lower, long Upper, long Value)> Constrained =
        Gen.Select(Gen.Long[-(1L << 40), 1L << 40], Gen.Long[0, 1L << 41], Gen.Double.Unit, (lb, span, f) => (lb, lb + span, lb + (long)(span * f)));

    [Fact]
    public void Constrained_whole_numbers_round_trip()
    {
        Constrained.Sample(c => RoundTrip(
            w => w.WriteConstrainedWholeNumber(c.Value, c.Lower, c.Upper, "v"),
            r => r.ReadConstrainedWholeNumber(c.Lower, c.Upper, "v"),
            c.Value), iter: 5000);
    }

    [Fact]
    public void Extensible_integers_round_trip_inside_and_outside_the_root()
    {
        Gen.Select(Gen.Long[-1000, 1000], Gen.Long[0, 1000], Gen.Long).Sample((lb, span, value) => RoundTrip(
            w => w.WriteExtensibleInteger(value, lb, lb + span, "v"),
            r => r.ReadExtensibleInteger(lb, lb + span, "v"),
            value), iter: 5000);
    }

    [Fact]
    public void Unconstrained_semi_constrained_and_normally_small_numbers_round_trip()
    {
        Gen.Long.Sample(value => RoundTrip(w => w.WriteUnconstrainedInteger(value, "v"), r => r.ReadUnconstrainedInteger("v"), value), iter: 5000);
        Gen.Select(Gen.Long[-1000, 1000], Gen.Long[0, long.MaxValue / 2]).Sample((lb, offset) => RoundTrip(
            w => w.WriteSemiConstrainedWholeNumber(lb + offset, lb, "v"), r => r.ReadSemiConstrainedWholeNumber(lb, "v"), lb + offset), iter: 5000);
        Gen.Long[0, long.MaxValue].Sample(value => RoundTrip(
            w => w.WriteNormallySmallNonNegativeWholeNumber(value, "v"), r => r.ReadNormallySmallNonNegativeWholeNumber("v"), value), iter: 5000);
    }

    [Fact]
    public void Strings_round_trip_including_fragmented_lengths()
    {
        Gen.Byte.Array[0, 70000].Sample(bytes => RoundTrip(
            w => w.WriteOctetString(bytes, 0, -1, false, "v"), r => Hex.Of(r.ReadOctetString(0, -1, false, "v")), Hex.Of(bytes)), iter: 40);
        Gen.Bool.Array[0, 300].Sample(bits => RoundTrip(
            w => w.WriteBitString(BitString.FromBits(bits), 0, 300, false, "v"), r => r.ReadBitString(0, 300, false, "v"), BitString.FromBits(bits)), iter: 500);
        Gen.Char[(char)0, (char)127].Array[1, 24].Select(c => new string(c)).Sample(s => RoundTrip(
            w => w.WriteIa5String(s, 1, 24, "v"), r => r.ReadIa5String(1, 24, "v"), s), iter: 500);
        Gen.String.Where(s => !s.Any(char.IsSurrogate)).Sample(s => RoundTrip(
            w => w.WriteUtf8String(s, 0, -1, "v"), r => r.ReadUtf8String(0, -1, "v"), s), iter: 500);
    }

    [Fact]
    public void Enumerations_and_choices_round_trip()
    {
        Gen.Select(Gen.Int[1, 300], Gen.Int[0, 400], Gen.Bool).Sample((root, index, extensible) =>
        {
            var value = extensible ? index : index % root;
            RoundTrip(w => w.WriteEnumerated(value, root, extensible, "e"), r => r.ReadEnumerated(root, extensible, 400, "e"), value);
        }, iter: 5000);
    }

    private static void RoundTrip<T>(Action<UperWriter> write, Func<UperReader, T> read, T expected)
    {
        var writer = new UperWriter();
        writer.WriteBit(true);
        write(writer);
        writer.WriteBit(true);
        var reader = new UperReader(writer.ToArray());
        Assert.True(reader.ReadBit("start"));
        Assert.Equal(expected, read(reader));
        Assert.True(reader.ReadBit("end"));
        reader.ExpectEnd();
    }
}
