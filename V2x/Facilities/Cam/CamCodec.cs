using V2x.Facilities.ItsContainer;

namespace V2x.Facilities.Cam;

/// <summary>
/// Encodes and decodes CAMs (ETSI EN 302 637-2 v1.4.1 Annex A) in unaligned PER (ITU-T X.691),
/// the transfer syntax the standard's ASN.1 module is used with.
/// </summary>
public static class CamCodec
{
    private const string Root = "CAM";

    /// <summary>
    /// The UPER encoding of <paramref name="cam"/>. A value outside its constraint throws
    /// <see cref="ArgumentOutOfRangeException"/> whose parameter name is the field path.
    /// </summary>
    public static byte[] Encode(CamMessage cam)
    {
        ArgumentNullException.ThrowIfNull(cam);
        return ItsPduCodec.Encode(Root, cam.Header, "cam", cam.Cam, static (w, body) => body.Encode(w));
    }

    /// <summary>
    /// Decodes one complete CAM encoding. Anything else (truncated, trailing octets, values outside
    /// constraints, another message type or protocol version) throws <see cref="DecodeException"/>.
    /// </summary>
    public static CamMessage Decode(ReadOnlyMemory<byte> encoding)
    {
        var (stationId, awareness) = ItsPduCodec.Decode(
            encoding, Root, CamMessage.ProtocolVersion, ItsMessageId.Cam, "EN 302 637-2 v1.4.1", "cam", CoopAwareness.Decode);
        return new CamMessage(stationId, awareness);
    }
}
