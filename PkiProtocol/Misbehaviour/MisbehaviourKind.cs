namespace PkiProtocol.Misbehaviour;

/// <summary>What a misbehaviour report says (patent ¶157-170).</summary>
public enum MisbehaviourKind
{
    /// <summary>The signer's own IDF detected that it is compromised (¶158): revokes the signer's station.</summary>
    IdfCompromise = 0,

    /// <summary>An incident analysis found that the subject AT sent a false report (¶161-163): revokes the subject's station.</summary>
    IncidentFinding = 1,

    /// <summary>A compromise found in an IDF implementation (¶164-168): revokes every station running it and lowers its assessment.</summary>
    ImplementationCompromise = 2,

    /// <summary>
    /// A receiver's local misbehaviour detection found the subject AT's messages implausible: the evidence is an
    /// <see cref="ObservationReport"/> (ETSI TS 103 759 structure) whose PDUs the subject signed; counted by the authority's
    /// global detection (Docs/misbehaviour.md), which may request a revocation.
    /// </summary>
    Observation = 3,

    /// <summary>
    /// The signer's own IDF reports an anomaly below a compromise (patent fig. 7, message 720): the evidence is the compact
    /// integrity report (V2x IntegrityReport) the partition made; counted per station and implementation, no revocation by itself.
    /// </summary>
    IdfAnomaly = 4,
}
