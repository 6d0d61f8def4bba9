using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// The common header of every ITS message: ETSI TS 102 894-2 v1.3.1 Annex A, DF_ItsPduHeader
/// <c>SEQUENCE { protocolVersion INTEGER (0..255), messageID INTEGER (0..255), stationID StationID }</c>,
/// StationID being <c>INTEGER (0..4294967295)</c>.
/// </summary>
public readonly record struct ItsPduHeader(byte ProtocolVersion, ItsMessageId MessageId, uint StationId)
{
    internal void Encode(UperWriter w)
    {
        w.WriteConstrainedWholeNumber(ProtocolVersion, 0, 255, "protocolVersion");
        w.WriteConstrainedWholeNumber((byte)MessageId, 0, 255, "messageID");
        w.WriteConstrainedWholeNumber(StationId, 0, uint.MaxValue, "stationID");
    }

    internal static ItsPduHeader Decode(UperReader r) => new(
        (byte)r.ReadConstrainedWholeNumber(0, 255, "protocolVersion"),
        (ItsMessageId)r.ReadConstrainedWholeNumber(0, 255, "messageID"),
        (uint)r.ReadConstrainedWholeNumber(0, uint.MaxValue, "stationID"));
}
