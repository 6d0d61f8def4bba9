using V2x.Facilities.ItsContainer;

namespace V2x.Facilities.Denm;

/// <summary>
/// A decentralized environmental notification message: ETSI EN 302 637-3 v1.3.1 Annex A,
/// <c>DENM ::= SEQUENCE { header ItsPduHeader, denm DecentralizedEnvironmentalNotificationMessage }</c>.
/// The header is always protocol version 2 and message ID denm (1), so only the station ID is carried.
/// </summary>
public sealed record DenmMessage(uint StationId, DecentralizedEnvironmentalNotificationMessage Denm)
{
    /// <summary>ItsPduHeader.protocolVersion of DENMs following EN 302 637-3 v1.3.1.</summary>
    public const byte ProtocolVersion = 2;

    /// <summary>The ItsPduHeader this message is sent with.</summary>
    public ItsPduHeader Header => new(ProtocolVersion, ItsMessageId.Denm, StationId);
}
