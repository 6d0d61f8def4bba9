namespace Firmware.Deployment;

/// <summary>
/// The steps of an A/B install, in order (<see cref="UpdateInstaller"/>). A crash before
/// <see cref="Switched"/> leaves the OBU starting the old slot; from <see cref="Switched"/> on, the new one.
/// </summary>
public enum InstallStep
{
    /// <summary>The header, both manifests and the anti-rollback state verified; nothing written yet.</summary>
    Verified,

    /// <summary>Half of the first file written into slots/incoming (a torn file on disk).</summary>
    Extracting,

    /// <summary>Every file written, hashed against its manifest and fsync'd, directories too.</summary>
    Extracted,

    /// <summary>slots/incoming renamed to the inactive slot (the previous inactive slot removed).</summary>
    SlotReplaced,

    /// <summary>The pending-update record written to the partition's store.</summary>
    Recorded,

    /// <summary>The new link current.new created beside current.</summary>
    Linked,

    /// <summary>current.new renamed over current (rename(2), atomic) and the root fsync'd.</summary>
    Switched,
}
