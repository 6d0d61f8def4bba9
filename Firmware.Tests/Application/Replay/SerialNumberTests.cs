using Firmware.Application.Replay;

namespace Firmware.Tests.Application.Replay;

/// <summary>RFC 1982 serial-number order: the RFC's own examples, then the 32-bit counter of the integrity report.</summary>
public sealed class SerialNumberTests
{
    // RFC 1982 §5.1 (SERIAL_BITS = 2) and §5.2 (SERIAL_BITS = 8): the pairs the RFC lists as "less than",
    // written (bits, s1, s2) with s1 < s2.
    public static TheoryData<string, int, ulong, ulong> RfcLessThan => new()
    {
        { "§5.1 0 < 1", 2, 0, 1 },
        { "§5.1 1 < 2", 2, 1, 2 },
        { "§5.1 2 < 3", 2, 2, 3 },
        { "§5.1 3 < 0", 2, 3, 0 },
        { "§5.2 255 < 0", 8, 255, 0 },
        { "§5.2 100 < 200", 8, 100, 200 },
        { "§5.2 200 < 255", 8, 200, 255 },
        { "§5.2 255 < 100", 8, 255, 100 },
        { "§5.2 200 < 0", 8, 200, 0 },
        { "§5.2 200 < 44", 8, 200, 44 },
        { "§5.2 0 < 44", 8, 0, 44 },
        { "§5.2 44 < 100", 8, 44, 100 },
    };

    [Theory]
    [MemberData(nameof(RfcLessThan))]
    public void The_rfc_examples_are_ordered_as_the_rfc_says(string name, int bits, ulong s1, ulong s2)
    {
        Assert.True(SerialNumber.Compare(s1, s2, bits) == -1, name);
        Assert.True(SerialNumber.Compare(s2, s1, bits) == 1, name);
    }

    [Fact]
    public void Values_half_the_space_apart_are_not_ordered()
    {
        // RFC 1982 §5.1: with SERIAL_BITS = 2, 0 and 2 (and 1 and 3) cannot be compared.
        Assert.Null(SerialNumber.Compare(0, 2, 2));
        Assert.Null(SerialNumber.Compare(1, 3, 2));
        Assert.Equal(int.MinValue, SerialNumber.Distance(0, 0x8000_0000));
        Assert.False(SerialNumber.IsLess(0, 0x8000_0000));
        Assert.False(SerialNumber.IsLess(0x8000_0000, 0));
    }

    public static TheoryData<string, uint, uint, int> Distances32 => new()
    {
        { "one ahead", 5, 6, 1 },
        { "wrap 2^32-1 to 0 is one ahead", uint.MaxValue, 0, 1 },
        { "wrap 2^32-2 to 1 is three ahead", uint.MaxValue - 1, 1, 3 },
        { "one behind across the wrap", 0, uint.MaxValue, -1 },
        { "largest step ahead", 0, 0x7FFF_FFFF, int.MaxValue },
        { "equal", 42, 42, 0 },
    };

    [Theory]
    [MemberData(nameof(Distances32))]
    public void Thirty_two_bit_distances_follow_serial_arithmetic(string name, uint from, uint to, int distance)
    {
        Assert.True(distance == SerialNumber.Distance(from, to), name);
        Assert.Equal(distance > 0, SerialNumber.IsLess(from, to));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65)]
    public void Bits_outside_2_to_64_are_a_caller_mistake(int bits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SerialNumber.Compare(0, 1, bits));

    [Fact]
    public void A_value_wider_than_the_bits_is_a_caller_mistake() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SerialNumber.Compare(4, 1, 2));
}
