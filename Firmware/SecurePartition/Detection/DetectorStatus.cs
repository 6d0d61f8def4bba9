namespace Firmware.SecurePartition.Detection;

/// <summary>Whether a detector could look at what it watches.</summary>
public enum DetectorStatus : byte
{
    /// <summary>Every capability it reads was there.</summary>
    Checked = 0,

    /// <summary>Some capabilities were missing (listed in the evidence); the rest was checked.</summary>
    Partial = 1,

    /// <summary>The board lacks the capability; the policy requires the detector, so this is an anomaly.</summary>
    CannotCheck = 2,

    /// <summary>The board lacks the capability and the policy does not require the detector.</summary>
    NotRequired = 3,
}
