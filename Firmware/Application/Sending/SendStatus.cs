namespace Firmware.Application.Sending;

/// <summary>What became of a message handed to the sender.</summary>
public enum SendStatus
{
    /// <summary>Signed by the secure partition and put on the radio.</summary>
    Transmitted,

    /// <summary>Option 1: the partition detected an anomaly, so the message was withheld and the signals raised.</summary>
    Withheld,

    /// <summary>The secure partition refused to sign (no ticket, PSID not permitted, key store failure).</summary>
    Refused,

    /// <summary>The partition or the radio could not be reached.</summary>
    Failed,
}
