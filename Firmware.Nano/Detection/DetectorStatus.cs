namespace Firmware.Nano.Detection;

/// <summary>How far a detector could look (as <c>Firmware.SecurePartition.Detection.DetectorStatus</c>).</summary>
public enum DetectorStatus
{
    /// <summary>Everything it watches was checked.</summary>
    Checked = 0,

    /// <summary>Part of it was checked.</summary>
    Partial = 1,

    /// <summary>Required, but its capability is missing or failed: an anomaly.</summary>
    CannotCheck = 2,

    /// <summary>Not required and not available.</summary>
    NotRequired = 3,
}
