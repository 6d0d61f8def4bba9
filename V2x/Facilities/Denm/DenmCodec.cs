using V2x.Facilities.ItsContainer;

namespace V2x.Facilities.Denm;

/// <summary>
/// Encodes and decodes DENMs (ETSI EN 302 637-3 v1.3.1 Annex A) in unaligned PER (ITU-T X.691),
/// the transfer syntax the standard's ASN.1 module is used with.
/// </summary>
public static class DenmCodec
{
    private const string Root = "DENM";

    /// <summary>
    /// The UPER encoding of <paramref name="denm"/>. A value outside its constraint throws
    /// <see cref="ArgumentOutOfRangeException"/> whose parameter name is the field path.
    /// </summary>
    public static byte[] Encode(DenmMessage denm)
    {
        ArgumentNullException.ThrowIfNull(denm);
        return ItsPduCodec.Encode(Root, denm.Header, "denm", denm.Denm, static (w, body) => body.Encode(w));
    }

    /// <summary>
    /// Decodes one complete DENM encoding. Anything else (truncated, trailing octets, values outside
    /// constraints, another message type or protocol version) throws <see cref="DecodeException"/>.
    /// </summary>
    public static DenmMessage Decode(ReadOnlyMemory<byte> encoding)
    {
        var (stationId, message) = ItsPduCodec.Decode(
            encoding, Root, DenmMessage.ProtocolVersion, ItsMessageId.Denm, "EN 302 637-3 v1.3.1", "denm", DecentralizedEnvironmentalNotificationMessage.Decode);
        return new DenmMessage(stationId, message);
    }
}
