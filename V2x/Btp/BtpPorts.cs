namespace V2x.Btp;

/// <summary>Well-known BTP destination ports (ETSI TS 103 248, port numbers for the Basic Transport Protocol).</summary>
public static class BtpPorts
{
    /// <summary>Cooperative awareness (CA basic service, CAM).</summary>
    public const ushort Cam = 2001;

    /// <summary>Decentralized environmental notification (DEN basic service, DENM).</summary>
    public const ushort Denm = 2002;
}
