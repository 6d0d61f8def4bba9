using V2x.Facilities.ItsContainer;
using V2x.Per;

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
        var w = new UperWriter(Root);
        w.Require(denm.Denm, "denm");
        using (w.Field("header"))
        {
            denm.Header.Encode(w);
        }

        using (w.Field("denm"))
        {
            denm.Denm.Encode(w);
        }

        return w.ToArray();
    }

    /// <summary>
    /// Decodes one complete DENM encoding. Anything else (truncated, trailing octets, values outside
    /// constraints, another message type or protocol version) throws <see cref="DecodeException"/>.
    /// </summary>
    public static DenmMessage Decode(ReadOnlyMemory<byte> encoding)
    {
        var r = new UperReader(encoding, Root);
        ItsPduHeader header;
        using (r.Field("header"))
        {
            header = ItsPduHeader.Decode(r);
            if (header.ProtocolVersion != DenmMessage.ProtocolVersion)
            {
                throw new DecodeException(Root + ".header.protocolVersion", 0, $"protocol version {header.ProtocolVersion} is not DENM version 2 (EN 302 637-3 v1.3.1)");
            }

            if (header.MessageId != ItsMessageId.Denm)
            {
                throw new DecodeException(Root + ".header.messageID", 1, $"message ID {(int)header.MessageId} is not a DENM (1)");
            }
        }

        DecentralizedEnvironmentalNotificationMessage message;
        using (r.Field("denm"))
        {
            message = DecentralizedEnvironmentalNotificationMessage.Decode(r);
        }

        r.ExpectEnd();
        return new DenmMessage(header.StationId, message);
    }
}
