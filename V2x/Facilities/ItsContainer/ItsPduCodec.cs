using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// What every ITS message codec shares (ETSI TS 102 894-2 v1.3.1, DF_ItsPduHeader): the message is
/// <c>SEQUENCE { header ItsPduHeader, body }</c> in UPER; a decoder accepts one protocol version and one
/// message ID, and nothing after the complete encoding (ITU-T X.691 §11.1).
/// </summary>
internal static class ItsPduCodec
{
    /// <summary>The UPER encoding of <paramref name="header"/> then the body <paramref name="encodeBody"/> writes.</summary>
    public static byte[] Encode<TBody>(string root, ItsPduHeader header, string bodyName, TBody body, Action<UperWriter, TBody> encodeBody)
    {
        var w = new UperWriter(root);
        w.Require(body, bodyName);
        using (w.Field("header"))
        {
            header.Encode(w);
        }

        using (w.Field(bodyName))
        {
            encodeBody(w, body);
        }

        return w.ToArray();
    }

    /// <summary>
    /// Decodes a complete encoding whose header must be <paramref name="protocolVersion"/> and
    /// <paramref name="messageId"/> (<paramref name="standard"/> names the edition in the error).
    /// </summary>
    public static (uint StationId, TBody Body) Decode<TBody>(
        ReadOnlyMemory<byte> encoding, string root, byte protocolVersion, ItsMessageId messageId, string standard, string bodyName, Func<UperReader, TBody> decodeBody)
    {
        var r = new UperReader(encoding, root);
        ItsPduHeader header;
        using (r.Field("header"))
        {
            header = ItsPduHeader.Decode(r);
            if (header.ProtocolVersion != protocolVersion)
            {
                throw new DecodeException(root + ".header.protocolVersion", 0, $"protocol version {header.ProtocolVersion} is not {root} version {protocolVersion} ({standard})");
            }

            if (header.MessageId != messageId)
            {
                throw new DecodeException(root + ".header.messageID", 1, $"message ID {(int)header.MessageId} is not a {root} ({(int)messageId})");
            }
        }

        TBody body;
        using (r.Field(bodyName))
        {
            body = decodeBody(r);
        }

        r.ExpectEnd();
        return (header.StationId, body);
    }
}
