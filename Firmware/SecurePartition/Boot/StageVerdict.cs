namespace Firmware.SecurePartition.Boot;

/// <summary>The result of measuring one boot stage.</summary>
public enum StageVerdict : byte
{
    /// <summary>Hash, version and secure version match the manifest; not rolled back.</summary>
    Verified = 0,

    /// <summary>The image bytes differ from the manifest's SHA-256 (a tampered image).</summary>
    Tampered = 1,

    /// <summary>The secure version is below the persisted or manifest minimum (a rolled-back image).</summary>
    RolledBack = 2,

    /// <summary>The image header is missing or corrupt.</summary>
    Unreadable = 3,

    /// <summary>The manifest has no entry for this stage, or there is no valid manifest.</summary>
    NoReference = 4,
}
