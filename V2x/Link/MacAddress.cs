using System.Buffers.Binary;
using System.Globalization;

namespace V2x.Link;

/// <summary>A 48-bit IEEE 802 MAC address (EUI-48), held in the low 48 bits of <see cref="Value"/>.</summary>
public readonly record struct MacAddress
{
    public const int Length = 6;

    public MacAddress(ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 0xFFFF_FFFF_FFFFUL);
        Value = value;
    }

    /// <summary>The broadcast address ff:ff:ff:ff:ff:ff.</summary>
    public static MacAddress Broadcast { get; } = new(0xFFFF_FFFF_FFFFUL);

    /// <summary>The address as a number, first transmitted octet most significant.</summary>
    public ulong Value { get; }

    /// <summary>Reads six octets.</summary>
    public static MacAddress Read(ReadOnlySpan<byte> octets)
    {
        if (octets.Length < Length)
        {
            throw new ArgumentException("a MAC address has six octets", nameof(octets));
        }

        return new MacAddress(((ulong)BinaryPrimitives.ReadUInt16BigEndian(octets) << 32) | BinaryPrimitives.ReadUInt32BigEndian(octets[2..]));
    }

    /// <summary>Parses "aa:bb:cc:dd:ee:ff" (or with '-').</summary>
    public static MacAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', '-');
        if (parts.Length != Length)
        {
            throw new FormatException($"'{text}' is not a MAC address");
        }

        ulong value = 0;
        foreach (var part in parts)
        {
            value = (value << 8) | byte.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return new MacAddress(value);
    }

    /// <summary>Writes the six octets.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(Value >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)Value);
    }

    public override string ToString()
    {
        Span<byte> octets = stackalloc byte[Length];
        WriteTo(octets);
        return string.Join(':', octets.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }
}
