namespace Firmware.SecurePartition.Boot;

/// <summary>Which sealed files a deployment measurement re-hashes regardless of their stamps.</summary>
public enum MeasureScope : byte
{
    /// <summary>Only files whose stamp moved or was not settled (a full scan between full re-hashes).</summary>
    Stamps = 0,

    /// <summary>Every application file, plus the stamp rule for the rest (the application announced its start).</summary>
    Application = 1,

    /// <summary>Every listed file (boot, and once per full re-hash period).</summary>
    Full = 2,
}
