using V2x.Oer;

namespace V2x.Security.Certificates;

/// <summary>The alternatives of IdentifiedRegion (IEEE 1609.2-2016 §6.4), in tag order.</summary>
public enum IdentifiedRegionKind
{
    CountryOnly = 0,
    CountryAndRegions = 1,
    CountryAndSubregions = 2,
}

/// <summary>RegionAndSubregions ::= SEQUENCE { region Uint8, subregions SequenceOfUint16 }.</summary>
public sealed record RegionAndSubregions(byte Region, IReadOnlyList<ushort> Subregions);

/// <summary>
/// IEEE 1609.2 IdentifiedRegion ::= CHOICE { countryOnly UnCountryId, countryAndRegions
/// CountryAndRegions, countryAndSubregions CountryAndSubregions, ... } (1609.2-2016 §6.4);
/// UnCountryId ::= Uint16 (UN M.49 country code).
/// </summary>
public sealed record IdentifiedRegion
{
    private IdentifiedRegion(IdentifiedRegionKind kind, ushort country)
    {
        Kind = kind;
        Country = country;
    }

    public IdentifiedRegionKind Kind { get; }

    /// <summary>UN M.49 numeric country code.</summary>
    public ushort Country { get; }

    public IReadOnlyList<byte> Regions { get; private init; } = [];

    public IReadOnlyList<RegionAndSubregions> Subregions { get; private init; } = [];

    public static IdentifiedRegion CountryOnly(ushort country) => new(IdentifiedRegionKind.CountryOnly, country);

    public static IdentifiedRegion CountryAndRegions(ushort country, IReadOnlyList<byte> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        return new IdentifiedRegion(IdentifiedRegionKind.CountryAndRegions, country) { Regions = regions };
    }

    public static IdentifiedRegion CountryAndSubregions(ushort country, IReadOnlyList<RegionAndSubregions> subregions)
    {
        ArgumentNullException.ThrowIfNull(subregions);
        return new IdentifiedRegion(IdentifiedRegionKind.CountryAndSubregions, country) { Subregions = subregions };
    }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteChoiceIndex((int)Kind);
        writer.WriteUInt16(Country);
        if (Kind == IdentifiedRegionKind.CountryAndRegions)
        {
            writer.WriteQuantity(Regions.Count);
            foreach (var r in Regions)
            {
                writer.WriteByte(r);
            }
        }
        else if (Kind == IdentifiedRegionKind.CountryAndSubregions)
        {
            writer.WriteQuantity(Subregions.Count);
            foreach (var r in Subregions)
            {
                writer.WriteByte(r.Region);
                writer.WriteQuantity(r.Subregions.Count);
                foreach (var s in r.Subregions)
                {
                    writer.WriteUInt16(s);
                }
            }
        }
    }

    public static IdentifiedRegion Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var kind = (IdentifiedRegionKind)reader.ReadChoiceIndex(3, 0, out _);
        var country = reader.ReadUInt16();
        switch (kind)
        {
            case IdentifiedRegionKind.CountryOnly:
                return CountryOnly(country);
            case IdentifiedRegionKind.CountryAndRegions:
                var regions = new byte[reader.ReadQuantity()];
                for (var i = 0; i < regions.Length; i++)
                {
                    regions[i] = reader.ReadUInt8();
                }

                return CountryAndRegions(country, regions);
            default:
                var list = new RegionAndSubregions[reader.ReadQuantity(minElementOctets: 3)];
                for (var i = 0; i < list.Length; i++)
                {
                    var region = reader.ReadUInt8();
                    var subs = new ushort[reader.ReadQuantity(minElementOctets: 2)];
                    for (var j = 0; j < subs.Length; j++)
                    {
                        subs[j] = reader.ReadUInt16();
                    }

                    list[i] = new RegionAndSubregions(region, subs);
                }

                return CountryAndSubregions(country, list);
        }
    }
}
