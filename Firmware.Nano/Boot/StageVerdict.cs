namespace Firmware.Nano.Boot;

/// <summary>The verdict on one measured image.</summary>
public enum StageVerdict
{
    /// <summary>The digest matches the manifest.</summary>
    Match,

    /// <summary>The digest differs: the image was changed.</summary>
    Mismatch,

    /// <summary>The manifest names a partition the table does not have.</summary>
    Missing,

    /// <summary>The manifest's image is longer than its partition.</summary>
    TooLong,
}
