namespace V2x.GeoNetworking;

/// <summary>BEACON extended header (ETSI EN 302 636-4-1 v1.4.1 §9.8.6, HT 1, HST 0): the source position vector; beacons carry no payload.</summary>
public sealed record BeaconHeader(LongPositionVector Source) : GnExtendedHeader
{
    internal override byte HeaderTypeOctet => 0x10;

    internal override int Length => LongPositionVector.Length;

    internal override void Write(Span<byte> destination) => Source.Write(destination, "beacon.sourcePositionVector");
}
