namespace Cti.Sharing;

/// <summary>
/// The threat types of ITU-T X.1371 that ITU-T X.1382 Table 1 maps to the organisations that
/// should receive them. On the wire a STIX object carries its type as a label (see
/// <see cref="X1371ThreatTypes.Label"/>).
/// </summary>
public enum X1371ThreatType
{
    /// <summary>Threats regarding back-end servers.</summary>
    BackEndServers,

    /// <summary>Threats to vehicles regarding their communication channels.</summary>
    CommunicationChannels,

    /// <summary>Threats to vehicles regarding their update procedures.</summary>
    UpdateProcedures,

    /// <summary>Threats to vehicles regarding unintended human actions.</summary>
    UnintendedHumanActions,

    /// <summary>Threats to vehicles regarding their external connectivity and connections.</summary>
    ExternalConnectivity,

    /// <summary>Potential targets of, or motivations for, an attack.</summary>
    AttackTargetsAndMotivations,

    /// <summary>Potential vulnerabilities.</summary>
    PotentialVulnerabilities,
}
