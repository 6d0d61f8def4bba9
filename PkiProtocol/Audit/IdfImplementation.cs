using System.Text;
using V2x.Oer;

namespace PkiProtocol.Audit;

/// <summary>
/// An integrity-detection function implementation: vendor, product and version (patent ¶154-156,
/// ¶185-190). OER (project-private): SEQUENCE { vendor UTF8String (SIZE(1..64)), product UTF8String
/// (SIZE(1..64)), version UTF8String (SIZE(1..32)) }.
/// </summary>
public sealed record IdfImplementation
{
    public IdfImplementation(string vendor, string product, string version)
    {
        Vendor = CheckName(vendor, 64, nameof(vendor));
        Product = CheckName(product, 64, nameof(product));
        Version = CheckName(version, 32, nameof(version));
        IdfVersion.Parse(version);
    }

    public string Vendor { get; }

    public string Product { get; }

    public string Version { get; }

    /// <summary>The model (vendor/product) a per-model AA serves (patent ¶168).</summary>
    public string Model => $"{Vendor}/{Product}";

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteUtf8(writer, Vendor, 64);
        WriteUtf8(writer, Product, 64);
        WriteUtf8(writer, Version, 32);
    }

    public static IdfImplementation Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var vendor = ReadUtf8(reader, "vendor", 64);
        var product = ReadUtf8(reader, "product", 64);
        reader.Push("version");
        var at = reader.Position;
        var version = reader.ReadUtf8String(1, 32);
        if (!IdfVersion.TryParse(version, out _))
        {
            throw reader.FailAt(at, $"version '{version}' is not dotted numbers");
        }

        reader.Pop();
        try
        {
            return new IdfImplementation(vendor, product, version);
        }
        catch (ArgumentException e)
        {
            throw reader.FailAt(at, e.Message);
        }
    }

    public override string ToString() => $"{Vendor}/{Product} {Version}";

    internal static void WriteUtf8(OerWriter writer, string value, int maxOctets) =>
        writer.WriteOctetString(Encoding.UTF8.GetBytes(value), 1, maxOctets);

    internal static string ReadUtf8(OerReader reader, string name, int maxOctets)
    {
        reader.Push(name);
        var at = reader.Position;
        var value = reader.ReadUtf8String(1, maxOctets);
        if (value.Any(char.IsControl))
        {
            throw reader.FailAt(at, $"{name} holds control characters");
        }

        reader.Pop();
        return value;
    }

    internal static string CheckName(string value, int maxOctets, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        if (Encoding.UTF8.GetByteCount(value) > maxOctets || value.Any(char.IsControl) || value.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{name} is 1..{maxOctets} UTF-8 octets without '/' or control characters", name);
        }

        return value;
    }
}
