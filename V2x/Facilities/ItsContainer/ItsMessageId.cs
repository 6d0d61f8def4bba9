namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ItsPduHeader.messageID (ETSI TS 102 894-2 v1.3.1 Annex A, DF_ItsPduHeader): INTEGER (0..255) with
/// the named values below.
/// </summary>
public enum ItsMessageId : byte
{
    Denm = 1,
    Cam = 2,
    Poi = 3,
    Spatem = 4,
    Mapem = 5,
    Ivim = 6,
    EvRsr = 7,
    TistpgTransaction = 8,
    Srem = 9,
    Ssem = 10,
    Evcsn = 11,
    Saem = 12,
    Rtcmem = 13,
}
