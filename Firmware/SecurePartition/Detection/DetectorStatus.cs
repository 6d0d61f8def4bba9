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

    /// <summary>
    /// The board could look, but the policy gives the detector nothing to check (no monitored processes,
    /// no throughput bands, peers or firewall rules): its "no anomaly" says nothing, so the class is left
    /// out of the report's coverage.
    /// </summary>
    NotConfigured = 4,
}
