namespace V2x.Per;

/// <summary>An immutable ASN.1 OCTET STRING value, compared by value.</summary>
public sealed class OctetString : IEquatable<OctetString>
{
    private readonly byte[] _octets;

    /// <summary>Copies <paramref name="octets"/>.</summary>
    public OctetString(ReadOnlySpan<byte> octets)
    {
        _octets = octets.ToArray();
    }

    /// <summary>Number of octets.</summary>
    public int Length => _octets.Length;

    /// <summary>The octets.</summary>
    public ReadOnlySpan<byte> Span => _octets;

    /// <summary>A copy of the octets.</summary>
    public byte[] ToArray() => (byte[])_octets.Clone();

    public bool Equals(OctetString? other) => other is not null && _octets.AsSpan().SequenceEqual(other._octets);

    public override bool Equals(object? obj) => Equals(obj as OctetString);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_octets);
        return hash.ToHashCode();
    }

    public override string ToString() => "'" + Convert.ToHexString(_octets) + "'H";

    public static bool operator ==(OctetString? left, OctetString? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(OctetString? left, OctetString? right) => !(left == right);
}
