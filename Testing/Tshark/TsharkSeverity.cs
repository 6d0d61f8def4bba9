namespace Testing.Tshark;

/// <summary>Wireshark expert-info severities (epan/proto.h PI_COMMENT ... PI_ERROR), in increasing order.</summary>
public enum TsharkSeverity
{
    Comment = 0x00100000,
    Chat = 0x00200000,
    Note = 0x00400000,
    Warning = 0x00600000,
    Error = 0x00800000,
}
