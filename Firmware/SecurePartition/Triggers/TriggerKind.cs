namespace Firmware.SecurePartition.Triggers;

/// <summary>What started an integrity check (patent ¶114).</summary>
public enum TriggerKind : byte
{
    /// <summary>Device or OS boot.</summary>
    Boot = 0,

    /// <summary>An application started or was loaded.</summary>
    ApplicationStart = 1,

    /// <summary>The periodic timer.</summary>
    Periodic = 2,

    /// <summary>A firmware or software update completed over the air.</summary>
    UpdateOverTheAir = 3,

    /// <summary>A firmware or software update completed locally (workshop, USB, flashing tool).</summary>
    UpdateLocal = 4,

    /// <summary>New hardware was detected.</summary>
    NewHardware = 5,

    /// <summary>A new or updated application was detected.</summary>
    NewOrUpdatedApplication = 6,

    /// <summary>A V2X message is to be sent (the cheap per-message check).</summary>
    MessageSend = 7,

    /// <summary>The application partition asked for a check without a specific reason.</summary>
    Requested = 8,
}
