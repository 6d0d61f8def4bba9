namespace Firmware.SecurePartition.Boot;

/// <summary>
/// The layout of a sealed deployment on a Linux OBU (Docs/secure-partition.md, "Sealed deployments"):
/// <code>
/// secure/               the secure partition's published files (the .NET runtime too when self-contained),
///                       its configuration and signed detection policy: stage "secure-partition"
/// app/                  the application partition's published files and configuration: stage "application"
/// seal/secure.manifest  the secure partition's manifest, signed with the OEM key the ROM pins
/// seal/app.manifest     the application's manifest, signed with the key the secure partition's manifest names
/// </code>
/// Anything else in the tree is an added file.
/// </summary>
public static class DeploymentLayout
{
    /// <summary>The secure partition's directory.</summary>
    public const string SecureDirectory = "secure";

    /// <summary>The application partition's directory.</summary>
    public const string ApplicationDirectory = "app";

    /// <summary>Where the manifests live.</summary>
    public const string SealDirectory = "seal";

    /// <summary>The secure partition's manifest.</summary>
    public const string SecureManifest = "seal/secure.manifest";

    /// <summary>The application's manifest.</summary>
    public const string ApplicationManifest = "seal/app.manifest";

    /// <summary>Stage name of the secure partition (patent fig. 5: secure hardware 550 with the IDF 552).</summary>
    public const string SecureStage = "secure-partition";

    /// <summary>Stage name of the application (patent fig. 5: rich environment 540 with the V2X application 542).</summary>
    public const string ApplicationStage = "application";

    /// <summary>Largest manifest document accepted.</summary>
    public const int MaxManifestBytes = 4 * 1024 * 1024;

    /// <summary>The stages in chain order.</summary>
    public static IReadOnlyList<string> Stages { get; } = [SecureStage, ApplicationStage];

    /// <summary>The directory of a stage.</summary>
    public static string DirectoryOf(string stage) => stage switch
    {
        SecureStage => SecureDirectory,
        ApplicationStage => ApplicationDirectory,
        _ => throw new ArgumentException($"No stage '{stage}'.", nameof(stage)),
    };

    /// <summary>The stage a path belongs to, or null when it lies outside both stage directories.</summary>
    public static string? StageOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith(SecureDirectory + "/", StringComparison.Ordinal) ? SecureStage
            : path.StartsWith(ApplicationDirectory + "/", StringComparison.Ordinal) ? ApplicationStage
            : null;
    }

    /// <summary>
    /// Whether a path may appear in a manifest: relative, '/'-separated, no empty, "." or ".."
    /// segment, and no whitespace or control character (IMA's ASCII list cuts names at a space).
    /// </summary>
    public static bool IsValidPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Length > 0 && System.Text.Encoding.UTF8.GetByteCount(path) <= ReferenceManifest.MaxPathBytes
            && !path.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\\')
            && path.Split('/').All(s => s is not ("" or "." or ".."));
    }
}
