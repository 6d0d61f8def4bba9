namespace Firmware.SecurePartition.Posture;

/// <summary>What a software component is to the posture (patent ¶209-211: whether the V2X application and the IDF are up to date).</summary>
public enum ComponentRole : byte
{
    /// <summary>Anything else (boot loader, operating system, libraries).</summary>
    Other = 0,

    /// <summary>The V2X application.</summary>
    Application = 1,

    /// <summary>The integrity detection function.</summary>
    Idf = 2,
}
