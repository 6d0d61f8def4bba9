namespace Firmware.Deployment;

/// <summary>Why sealing a deployment or installing an update bundle was refused.</summary>
public enum DeploymentError
{
    /// <summary>The directory is not a deployment (no secure/ or app/, or an entry outside them).</summary>
    NotADeployment,

    /// <summary>An entry is not a regular file (a link, a device), or its name is not allowed in a manifest.</summary>
    UnsupportedEntry,

    /// <summary>The bundle is not a bundle: bad tar, entries out of order, a header or manifest that does not decode.</summary>
    Malformed,

    /// <summary>The bundle header or a manifest does not verify with the ROM's key or the chain's keys.</summary>
    BadSignature,

    /// <summary>The bundle's secure version or manifest versions are below what the OBU already accepted.</summary>
    Rollback,

    /// <summary>A file of the bundle differs from its manifest (hash, size, unlisted, missing).</summary>
    Mismatch,

    /// <summary>An installed update has not been started yet: restart the OBU before installing another.</summary>
    RestartPending,
}
