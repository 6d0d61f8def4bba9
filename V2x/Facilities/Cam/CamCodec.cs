using V2x.Facilities.ItsContainer;
using V2x.Per;

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
        var w = new UperWriter(Root);
        w.Require(cam.Cam, "cam");
        using (w.Field("header"))
        {
            cam.Header.Encode(w);
        }

        using (w.Field("cam"))
        {
            cam.Cam.Encode(w);
        }

        return w.ToArray();
    }

    /// <summary>
    /// Decodes one complete CAM encoding. Anything else (truncated, trailing octets, values outside
    /// constraints, another message type or protocol version) throws <see cref="DecodeException"/>.
    /// </summary>
    public static CamMessage Decode(ReadOnlyMemory<byte> encoding)
    {
        var r = new UperReader(encoding, Root);
        ItsPduHeader header;
        using (r.Field("header"))
        {
            header = ItsPduHeader.Decode(r);
            if (header.ProtocolVersion != CamMessage.ProtocolVersion)
            {
                throw new DecodeException(Root + ".header.protocolVersion", 0, $"protocol version {header.ProtocolVersion} is not CAM version 2 (EN 302 637-2 v1.4.1)");
            }

            if (header.MessageId != ItsMessageId.Cam)
            {
                throw new DecodeException(Root + ".header.messageID", 1, $"message ID {(int)header.MessageId} is not a CAM (2)");
            }
        }

        CoopAwareness awareness;
        using (r.Field("cam"))
        {
            awareness = CoopAwareness.Decode(r);
        }

        r.ExpectEnd();
        return new CamMessage(header.StationId, awareness);
    }
}
