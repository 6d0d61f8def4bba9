namespace Hardware.Can;

/// <summary>
/// A signal of a DBC message (<c>SG_ name : start|length@order sign (factor,offset) [min|max] "unit" receivers</c>).
/// Byte order 1 is Intel (little-endian: the start bit is the least significant bit), 0 is Motorola (big-endian:
/// the start bit is the most significant bit, bits numbered 7..0 in byte 0, 15..8 in byte 1, as DBC numbers them).
/// </summary>
public sealed record DbcSignal(string Name, int StartBit, int Length, bool LittleEndian, bool Signed, double Factor, double Offset,
    double Minimum, double Maximum, string Unit)
{
    /// <summary>The physical value of the signal in a frame's data (raw × factor + offset).</summary>
    /// <exception cref="DbcException">The frame is too short for the signal.</exception>
    public double Decode(IReadOnlyList<byte> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ulong raw = 0;
        foreach (var (bit, index) in Bits())
        {
            if (bit / 8 >= data.Count)
            {
                throw new DbcException($"Signal {Name} needs bit {bit}; the frame has {data.Count} bytes.");
            }

            raw |= (ulong)((data[bit / 8] >> (bit % 8)) & 1) << index;
        }

        var value = Signed && Length < 64 && (raw >> (Length - 1) & 1) == 1 ? (double)(long)(raw | (ulong.MaxValue << Length)) : raw;
        return (value * Factor) + Offset;
    }

    /// <summary>Writes the physical value into a frame's data (rounded to the nearest raw step, clamped to the signal's range).</summary>
    public void Encode(double value, Span<byte> data)
    {
        var scaled = Math.Round((Math.Clamp(value, Minimum == Maximum ? double.MinValue : Minimum, Minimum == Maximum ? double.MaxValue : Maximum) - Offset) / Factor);
        var raw = Signed ? (ulong)(long)scaled : (ulong)Math.Max(0, scaled);
        foreach (var (bit, index) in Bits())
        {
            var mask = (byte)(1 << (bit % 8));
            data[bit / 8] = (byte)(((raw >> index) & 1) == 1 ? data[bit / 8] | mask : data[bit / 8] & ~mask);
        }
    }

    // Each bit of the signal: its position in the frame (byte × 8 + bit in byte) and its weight in the raw value.
    private IEnumerable<(int Bit, int Index)> Bits()
    {
        if (LittleEndian)
        {
            for (var i = 0; i < Length; i++)
            {
                yield return (StartBit + i, i);
            }

            yield break;
        }

        var position = StartBit;
        for (var i = Length - 1; i >= 0; i--)
        {
            yield return (position, i);
            position = position % 8 == 0 ? position + 15 : position - 1;
        }
    }
}
