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

    /// <summary>An observation of an implausible message from the subject AT: recorded, no automatic action.</summary>
    Observation = 3,
}
