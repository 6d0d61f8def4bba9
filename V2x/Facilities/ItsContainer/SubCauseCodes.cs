namespace V2x.Facilities.ItsContainer;

/// <summary>
/// Named sub-cause codes (SubCauseCodeType <c>INTEGER (0..255)</c>, ETSI TS 102 894-2 v1.3.1 Annex A)
/// for the causes this project raises; sub-cause 0 always means unavailable.
/// </summary>
public static class SubCauseCodes
{
    public const byte Unavailable = 0;

    /// <summary>DE_DangerousSituationSubCauseCode emergencyElectronicBrakeEngaged (cause 99).</summary>
    public const byte EmergencyElectronicBrakeEngaged = 1;

    /// <summary>DE_DangerousSituationSubCauseCode preCrashSystemEngaged (cause 99).</summary>
    public const byte PreCrashSystemEngaged = 2;

    /// <summary>DE_DangerousSituationSubCauseCode aebEngaged (cause 99).</summary>
    public const byte AebEngaged = 5;

    /// <summary>DE_DangerousEndOfQueueSubCauseCode suddenEndOfQueue (cause 27).</summary>
    public const byte SuddenEndOfQueue = 1;

    /// <summary>DE_DangerousEndOfQueueSubCauseCode queueOverHill (cause 27).</summary>
    public const byte QueueOverHill = 2;

    /// <summary>DE_DangerousEndOfQueueSubCauseCode queueAroundBend (cause 27).</summary>
    public const byte QueueAroundBend = 3;

    /// <summary>DE_DangerousEndOfQueueSubCauseCode queueInTunnel (cause 27).</summary>
    public const byte QueueInTunnel = 4;
}
