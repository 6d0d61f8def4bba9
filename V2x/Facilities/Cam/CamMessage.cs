using V2x.Facilities.ItsContainer;

namespace V2x.Facilities.Cam;

/// <summary>
/// A cooperative awareness message: ETSI EN 302 637-2 v1.4.1 Annex A, <c>CAM ::= SEQUENCE { header
/// ItsPduHeader, cam CoopAwareness }</c>. The header is always protocol version 2 and message ID
/// cam (2) (Annex B), so only the station ID is carried here.
/// </summary>
public sealed record CamMessage(uint StationId, CoopAwareness Cam)
{
    /// <summary>ItsPduHeader.protocolVersion of CAMs following EN 302 637-2 v1.4.1.</summary>
    public const byte ProtocolVersion = 2;

    /// <summary>The ItsPduHeader this message is sent with.</summary>
    public ItsPduHeader Header => new(ProtocolVersion, ItsMessageId.Cam, StationId);
}
