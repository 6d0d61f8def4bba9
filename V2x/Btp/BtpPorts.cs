namespace V2x.Btp;

/// <summary>
/// Well-known BTP destination ports (ETSI TS 103 248 v2.1.1, port numbers for the Basic Transport Protocol;
/// cross-checked against Vanetza's vanetza/btp/ports.hpp). The PSID each port's messages are signed under
/// is in <see cref="Stack.PortPsidTable"/>.
/// </summary>
public static class BtpPorts
{
    /// <summary>Cooperative awareness (CA basic service, CAM).</summary>
    public const ushort Cam = 2001;

    /// <summary>Decentralized environmental notification (DEN basic service, DENM).</summary>
    public const ushort Denm = 2002;

    /// <summary>Road and lane topology (MAPEM, TS 103 301).</summary>
    public const ushort Mapem = 2003;

    /// <summary>Traffic light manoeuvre, signal phase and timing (SPATEM, TS 103 301).</summary>
    public const ushort Spatem = 2004;

    /// <summary>Service announcement (SAEM, EN 302 890-1).</summary>
    public const ushort Saem = 2005;

    /// <summary>In-vehicle information (IVIM, TS 103 301).</summary>
    public const ushort Ivim = 2006;

    /// <summary>Signal request (SREM, TS 103 301).</summary>
    public const ushort Srem = 2007;

    /// <summary>Signal request status (SSEM, TS 103 301).</summary>
    public const ushort Ssem = 2008;

    /// <summary>Collective perception (CPM, TS 103 324).</summary>
    public const ushort Cpm = 2009;

    /// <summary>GNSS positioning correction (RTCMEM, TS 103 301).</summary>
    public const ushort Rtcmem = 2013;

    /// <summary>Certificate trust list (CTLM, TS 102 941).</summary>
    public const ushort Ctlm = 2014;

    /// <summary>Certificate revocation list (CRLM, TS 102 941).</summary>
    public const ushort Crlm = 2015;

    /// <summary>Enrolment and authorization requests (TS 102 941).</summary>
    public const ushort CertificateRequest = 2016;

    /// <summary>Vulnerable road user awareness (VAM, TS 103 300-3).</summary>
    public const ushort Vam = 2018;
}
