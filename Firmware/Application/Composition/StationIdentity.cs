using Hardware.Random;
using V2x.Link;

namespace Firmware.Application.Composition;

/// <summary>
/// The identifiers a station shows on the air besides its ticket: the ITS station ID of its CAMs and
/// DENMs and the GeoNetworking / Ethernet MAC address. Both change with the pseudonym (patent ¶116; ETSI TS
/// 102 941 §6.2.3.3 unlinkable tickets), drawn afresh from the random source, so nothing links two pseudonyms.
/// </summary>
/// <param name="StationId">ItsPduHeader.stationID (never 0).</param>
/// <param name="Mac">A locally administered unicast MAC address (GN_ADDR MID, EN 302 636-4-1 §6.3).</param>
public sealed record StationIdentity(uint StationId, MacAddress Mac)
{
    /// <summary>A fresh random identity.</summary>
    public static StationIdentity Random(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> b = stackalloc byte[10];
        random.Fill(b);
        var id = BitConverter.ToUInt32(b[..4]);

        // IEEE 802 locally administered (bit 1) unicast (bit 0 clear) address.
        b[4] = (byte)((b[4] & 0xFC) | 0x02);
        return new StationIdentity(id == 0 ? 1 : id, MacAddress.Read(b[4..10]));
    }
}
