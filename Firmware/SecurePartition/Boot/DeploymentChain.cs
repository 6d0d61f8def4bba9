using Hardware.Files;

namespace Firmware.SecurePartition.Boot;

/// <summary>
/// The verified manifest chain of a sealed deployment (patent ¶134, ¶138-140, fig. 5): the ROM's
/// pinned OEM key (key 512) verifies the secure partition's manifest; that manifest names the key
/// that verifies the application's manifest (key 532, which boots the rich environment). Each
/// manifest's version must not be below the highest accepted for its stage (AntiRollback), and
/// each manifest may only list files of its own stage directory.
/// </summary>
/// <param name="Secure">The secure partition's manifest.</param>
/// <param name="Application">The application's manifest.</param>
/// <param name="SecureDocument">The signed secure-partition manifest as stored.</param>
/// <param name="ApplicationDocument">The signed application manifest as stored.</param>
public sealed record DeploymentChain(ReferenceManifest Secure, ReferenceManifest Application, byte[] SecureDocument, byte[] ApplicationDocument)
{
    /// <summary>Both manifests in chain order.</summary>
    public IReadOnlyList<ReferenceManifest> Manifests => [Secure, Application];

    /// <summary>The signed document of a stage.</summary>
    public byte[] DocumentOf(string stage) => stage == DeploymentLayout.SecureStage ? SecureDocument : ApplicationDocument;

    /// <summary>Reads both manifests from a deployment and verifies the chain.</summary>
    /// <exception cref="OemDocumentException">A manifest is missing, malformed, badly signed, of the wrong stage, or stale.</exception>
    public static DeploymentChain Load(IFileTree tree, BootRom rom, AntiRollback? rollback)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return Verify(ReadManifest(tree, DeploymentLayout.SecureManifest), ReadManifest(tree, DeploymentLayout.ApplicationManifest), rom, rollback);
    }

    /// <summary>Verifies the chain of two signed manifests (the partition at boot, the installer before it writes anything).</summary>
    /// <exception cref="OemDocumentException">As <see cref="Load"/>.</exception>
    public static DeploymentChain Verify(byte[] secureDocument, byte[] applicationDocument, BootRom rom, AntiRollback? rollback)
    {
        ArgumentNullException.ThrowIfNull(secureDocument);
        ArgumentNullException.ThrowIfNull(applicationDocument);
        ArgumentNullException.ThrowIfNull(rom);

        // Patent ¶138: the ROM's key verifies the first stage.
        var secure = Open(secureDocument, DeploymentLayout.SecureStage, rom.OemPublicKey, "the pinned OEM key", rollback);
        if (secure.NextStageKey.Length != 33)
        {
            throw new OemDocumentException(OemDocumentError.BadBody, "The secure partition's manifest names no application key.");
        }

        V2x.Security.Crypto.PublicVerificationKey applicationKey;
        try
        {
            applicationKey = BootRom.DecodeKey(secure.NextStageKey);
        }
        catch (ArgumentException e)
        {
            throw new OemDocumentException(OemDocumentError.BadBody, $"The application key of the secure partition's manifest is not a P-256 point: {e.Message}", e);
        }

        // Patent ¶139-140: the stage before names the key of the next.
        var application = Open(applicationDocument, DeploymentLayout.ApplicationStage, applicationKey,
            "the application key the secure partition's manifest names", rollback);
        return new DeploymentChain(secure, application, secureDocument, applicationDocument);
    }

    /// <summary>
    /// The entries whose secure version is below the stage's persisted minimum or the entry's own
    /// minimum (ESP-IDF anti-rollback, per stage: "boot.minsv.STAGE").
    /// </summary>
    public IReadOnlyList<(string Stage, ManifestEntry Entry, uint Minimum)> RolledBack(AntiRollback rollback)
    {
        ArgumentNullException.ThrowIfNull(rollback);
        var list = new List<(string, ManifestEntry, uint)>();
        foreach (var manifest in Manifests)
        {
            var persisted = rollback.MinimumFor(manifest.Stage);
            foreach (var e in manifest.Entries)
            {
                var minimum = Math.Max(persisted, e.MinimumSecureVersion);
                if (e.SecureVersion < minimum)
                {
                    list.Add((manifest.Stage, e, minimum));
                }
            }
        }

        return list;
    }

    /// <summary>
    /// After a clean boot: each stage's persisted minimum rises to the lowest secure version among
    /// its running files (every file of the stage is at least that; the sealer gives them all the
    /// stage's), and the manifest versions are recorded. Values only grow.
    /// </summary>
    public void RaiseAntiRollback(AntiRollback rollback)
    {
        ArgumentNullException.ThrowIfNull(rollback);
        foreach (var manifest in Manifests)
        {
            if (manifest.Entries.Count > 0)
            {
                rollback.RaiseMinimum(manifest.Stage, manifest.Entries.Min(e => e.SecureVersion));
            }

            rollback.RaiseManifestVersion(manifest.Stage, manifest.ManifestVersion);
        }
    }

    private static ReferenceManifest Open(byte[] document, string stage, V2x.Security.Crypto.PublicVerificationKey key, string keyName, AntiRollback? rollback)
    {
        var (body, _) = OemDocument.Open(document, OemDocumentKind.DeploymentManifest, key, keyName, DeploymentLayout.MaxManifestBytes);
        ReferenceManifest manifest;
        try
        {
            manifest = ReferenceManifest.Decode(body);
        }
        catch (Encoding.MalformedDataException e)
        {
            throw new OemDocumentException(OemDocumentError.BadBody, $"The {stage} manifest does not decode: {e.Message}", e);
        }

        if (manifest.Stage != stage)
        {
            throw new OemDocumentException(OemDocumentError.WrongKind, $"The {stage} manifest describes stage '{manifest.Stage}'.");
        }

        var directory = DeploymentLayout.DirectoryOf(stage) + "/";
        if (manifest.Entries.FirstOrDefault(e => !DeploymentLayout.IsValidPath(e.Label) || !e.Label.StartsWith(directory, StringComparison.Ordinal)) is { } stray)
        {
            throw new OemDocumentException(OemDocumentError.BadBody, $"The {stage} manifest lists '{stray.Label}', outside {directory}.");
        }

        if (rollback is not null && manifest.ManifestVersion < rollback.ManifestVersionOf(stage))
        {
            throw new OemDocumentException(OemDocumentError.Stale,
                $"The {stage} manifest version {manifest.ManifestVersion} is below the accepted {rollback.ManifestVersionOf(stage)} (rollback).");
        }

        return manifest;
    }

    private static byte[] ReadManifest(IFileTree tree, string path)
    {
        try
        {
            if (tree.Stat(path) is not { Kind: FileKind.Regular } stamp)
            {
                throw new OemDocumentException(OemDocumentError.Missing, $"The deployment has no {path}.");
            }

            if (stamp.SizeBytes > DeploymentLayout.MaxManifestBytes)
            {
                throw new OemDocumentException(OemDocumentError.Malformed, $"{path} of {stamp.SizeBytes} bytes exceeds {DeploymentLayout.MaxManifestBytes}.");
            }

            using var stream = tree.OpenRead(path);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        catch (IOException e)
        {
            throw new OemDocumentException(OemDocumentError.Missing, $"{path} cannot be read: {e.Message}", e);
        }
    }
}
