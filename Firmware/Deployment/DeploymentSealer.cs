using System.Buffers;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using Firmware.SecurePartition.Boot;
using Hardware.Files;
using V2x.Security.Crypto;

namespace Firmware.Deployment;

/// <summary>
/// Seals a published OBU deployment (OEM side; Docs/secure-partition.md, "Sealed deployments"):
/// every regular file under secure/ and app/ (see <see cref="DeploymentLayout"/>) is hashed, and two
/// stage manifests (<see cref="ReferenceManifest"/> format 2) are written to seal/: the secure
/// partition's, signed with the OEM key whose public half the ROM pins, naming the application key;
/// and the application's, signed with that application key (patent ¶138-140, fig. 5). Each entry
/// holds path, size, SHA-256, version (a managed assembly's file version, else the release), secure version
/// and mode. Links, devices and names with whitespace are refused.
/// </summary>
public static class DeploymentSealer
{
    /// <summary>What to seal with.</summary>
    /// <param name="Release">The deployment's release (for example 1.4.0).</param>
    /// <param name="SecureVersion">The secure version of every file (anti-rollback).</param>
    /// <param name="MinimumSecureVersion">The lowest secure version an OBU may run after this one.</param>
    /// <param name="ManifestVersion">The manifests' version (monotonic per stage).</param>
    /// <param name="SignedAt">Signing time.</param>
    public sealed record SealSettings(string Release, uint SecureVersion, uint MinimumSecureVersion, uint ManifestVersion, DateTimeOffset SignedAt);

    /// <summary>Seals a deployment in place and returns the chain (verified against the OEM key as a self-check).</summary>
    /// <exception cref="DeploymentException">Not a deployment, or an entry that cannot be sealed.</exception>
    /// <exception cref="IOException">Reading or writing failed.</exception>
    public static DeploymentChain Seal(string deploymentDirectory, ISignatureKey oemKey, ISignatureKey applicationKey, SealSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(deploymentDirectory);
        ArgumentNullException.ThrowIfNull(oemKey);
        ArgumentNullException.ThrowIfNull(applicationKey);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(settings.Release);
        if (!Directory.Exists(Path.Combine(deploymentDirectory, DeploymentLayout.SecureDirectory)) || !Directory.Exists(Path.Combine(deploymentDirectory, DeploymentLayout.ApplicationDirectory)))
        {
            throw new DeploymentException(DeploymentError.NotADeployment,
                $"{deploymentDirectory} has no {DeploymentLayout.SecureDirectory}/ and {DeploymentLayout.ApplicationDirectory}/ directories.");
        }

        var tree = new LocalFileTree(deploymentDirectory);
        var chain = Build(tree, oemKey, applicationKey, settings);
        var seal = Path.Combine(tree.Root, DeploymentLayout.SealDirectory);
        Directory.CreateDirectory(seal);
        WriteAtomically(Path.Combine(tree.Root, DeploymentLayout.SecureManifest), chain.SecureDocument);
        WriteAtomically(Path.Combine(tree.Root, DeploymentLayout.ApplicationManifest), chain.ApplicationDocument);
        PosixFiles.SyncDirectory(seal);
        return chain;
    }

    /// <summary>
    /// Builds and signs the two manifests of a tree (what <see cref="Seal"/> writes), verified against the
    /// OEM key as a self-check. Every entry outside secure/ and app/ (but the manifests) is refused.
    /// </summary>
    /// <exception cref="DeploymentException">An entry that cannot be sealed.</exception>
    public static DeploymentChain Build(IFileTree tree, ISignatureKey oemKey, ISignatureKey applicationKey, SealSettings settings)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(oemKey);
        ArgumentNullException.ThrowIfNull(applicationKey);
        ArgumentNullException.ThrowIfNull(settings);
        var files = new Dictionary<string, List<ManifestEntry>>(StringComparer.Ordinal)
        {
            [DeploymentLayout.SecureStage] = [],
            [DeploymentLayout.ApplicationStage] = [],
        };
        foreach (var stamp in tree.List())
        {
            if (stamp.Path is DeploymentLayout.SecureManifest or DeploymentLayout.ApplicationManifest)
            {
                continue;
            }

            if (DeploymentLayout.StageOf(stamp.Path) is not { } stage)
            {
                throw new DeploymentException(DeploymentError.NotADeployment, $"{stamp.Path} lies outside {DeploymentLayout.SecureDirectory}/ and {DeploymentLayout.ApplicationDirectory}/.");
            }

            if (stamp.Kind != FileKind.Regular)
            {
                throw new DeploymentException(DeploymentError.UnsupportedEntry, $"{stamp.Path} is a {stamp.Kind}: a deployment holds regular files only.");
            }

            if (!DeploymentLayout.IsValidPath(stamp.Path))
            {
                throw new DeploymentException(DeploymentError.UnsupportedEntry, $"'{stamp.Path}' has whitespace or control characters, which a manifest does not allow.");
            }

            var (sha256, version) = HashAndVersion(tree, stamp, settings.Release);
            files[stage].Add(new ManifestEntry(stamp.Path, version, settings.SecureVersion, Math.Min(settings.MinimumSecureVersion, settings.SecureVersion),
                stamp.SizeBytes, sha256, stamp.Mode));
        }

        var application = new ReferenceManifest(settings.ManifestVersion, files[DeploymentLayout.ApplicationStage])
        {
            Stage = DeploymentLayout.ApplicationStage,
            Release = settings.Release,
        };
        var secure = new ReferenceManifest(settings.ManifestVersion, files[DeploymentLayout.SecureStage])
        {
            Stage = DeploymentLayout.SecureStage,
            Release = settings.Release,
            NextStageKey = BootRom.EncodeKey(applicationKey.PublicKey),
        };
        var secureDocument = OemDocument.Sign(OemDocumentKind.DeploymentManifest, secure.Encode(), oemKey, settings.SignedAt);
        var applicationDocument = OemDocument.Sign(OemDocumentKind.DeploymentManifest, application.Encode(), applicationKey, settings.SignedAt);
        return DeploymentChain.Verify(secureDocument, applicationDocument, new BootRom(oemKey.PublicKey), null);
    }

    /// <summary>Writes a file by the POSIX protocol: a temporary file, fsync, rename(2) over the old one.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var f = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                f.Write(bytes);
                f.Flush(flushToDisk: true);
            }

            PosixFiles.Rename(temp, path);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    // One read per file: the SHA-256 of its bytes and, for a managed assembly, its file version read
    // from the same bytes (ECMA-335 §II.22.2 Assembly, §II.23.3 custom attribute blob).
    private static (byte[] Sha256, string Version) HashAndVersion(IFileTree tree, FileStamp stamp, string release)
    {
        if (stamp.SizeBytes > int.MaxValue)
        {
            throw new DeploymentException(DeploymentError.UnsupportedEntry, $"{stamp.Path} is larger than 2 GiB.");
        }

        var size = (int)stamp.SizeBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            using (var stream = tree.OpenRead(stamp.Path))
            {
                stream.ReadExactly(buffer, 0, size);
                if (stream.ReadByte() >= 0)
                {
                    throw new IOException($"{stamp.Path} grew while it was sealed.");
                }
            }

            var bytes = buffer.AsSpan(0, size);
            return (SHA256.HashData(bytes), size > 2 && bytes[0] == (byte)'M' && bytes[1] == (byte)'Z' ? AssemblyVersion(buffer, size) ?? release : release);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string? AssemblyVersion(byte[] buffer, int size)
    {
        try
        {
            using var pe = new PEReader(new MemoryStream(buffer, 0, size, writable: false));
            if (!pe.HasMetadata)
            {
                return null;
            }

            var metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
            {
                return null;
            }

            var assembly = metadata.GetAssemblyDefinition();
            foreach (var handle in assembly.GetCustomAttributes())
            {
                var attribute = metadata.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind == HandleKind.MemberReference
                    && metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent is { Kind: HandleKind.TypeReference } parent
                    && metadata.StringComparer.Equals(metadata.GetTypeReference((TypeReferenceHandle)parent).Name, "AssemblyFileVersionAttribute"))
                {
                    var blob = metadata.GetBlobReader(attribute.Value);
                    if (blob.ReadUInt16() == 1 && blob.ReadSerializedString() is { Length: > 0 and <= 64 } fileVersion)
                    {
                        return fileVersion;
                    }
                }
            }

            return assembly.Version.ToString();
        }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException)
        {
            // A native PE or a damaged one: it gets the release.
            return null;
        }
    }
}
