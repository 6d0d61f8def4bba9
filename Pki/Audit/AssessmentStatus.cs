namespace Pki.Audit;

/// <summary>The state of an audit assessment.</summary>
public enum AssessmentStatus
{
    /// <summary>As granted.</summary>
    Active = 0,

    /// <summary>Level lowered after a finding (patent ¶165); still grants the lowered level.</summary>
    Lowered = 1,

    /// <summary>Withdrawn: grants nothing.</summary>
    Withdrawn = 2,
}
