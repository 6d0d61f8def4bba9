namespace Firmware.SecurePartition.Boot;

/// <summary>The OEM-signed documents the secure partition accepts (first payload byte).</summary>
public enum OemDocumentKind : byte
{
    /// <summary>The reference manifest: image to SHA-256 and minimum secure version.</summary>
    Manifest = 1,

    /// <summary>The detection policy: detector rules and thresholds.</summary>
    Policy = 2,

    /// <summary>A cybersecurity-posture response (patent fig. 9).</summary>
    PostureResponse = 3,

    /// <summary>The detection policy of an ESP32 board (Firmware.Nano/Policy/McuPolicy.cs).</summary>
    McuPolicy = 4,

    /// <summary>
    /// A stage manifest of a sealed deployment (<see cref="ReferenceManifest"/> format 2): the secure
    /// partition's, signed with the ROM's OEM key, or the application's, signed with the key the
    /// secure partition's manifest names (patent ¶138-140).
    /// </summary>
    DeploymentManifest = 5,

    /// <summary>The header of a signed update bundle (Firmware/Deployment/UpdateBundle).</summary>
    UpdateBundle = 6,
}
