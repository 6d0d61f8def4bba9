using System.Formats.Tar;
using System.Security.Cryptography;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Encoding;
using Firmware.SecurePartition.Triggers;
using V2x.Security.Crypto;

namespace Firmware.Deployment;

/// <summary>
/// A signed update bundle: a POSIX tar archive (pax format, `tar tvf` lists it) of a sealed
/// deployment whose entries are, in this order:
/// <code>
/// update.oem            the header, an OEM document (kind 6) signed with the key the ROM pins
/// seal/secure.manifest  the secure partition's manifest (its SHA-256 is in the header)
/// seal/app.manifest     the application's manifest (its SHA-256 is in the header)
/// secure/..., app/...   the files, regular files only, each listed in its stage's manifest
/// </code>
/// Header body, big-endian (<see cref="ByteWriter"/>): <c>u8 format (1) | u8 origin (1 over the air,
/// 2 local) | text release | u32 secure version | 32 bytes SHA-256 of seal/secure.manifest | 32 bytes
/// SHA-256 of seal/app.manifest | u32 file count</c>. The files themselves are covered by the
/// manifests' hashes, the manifests by the header's, the header by the OEM signature.
/// </summary>
/// <param name="Origin">How the OEM distributes it (over the air or for local installation; the trigger after the restart says so).</param>
/// <param name="Release">The release.</param>
/// <param name="SecureVersion">The secure version (equal to the secure partition manifest's).</param>
/// <param name="SecureManifestSha256">SHA-256 of the signed secure-partition manifest.</param>
/// <param name="ApplicationManifestSha256">SHA-256 of the signed application manifest.</param>
/// <param name="FileCount">Files after the manifests.</param>
public sealed record UpdateBundle(UpdateOrigin Origin, string Release, uint SecureVersion, byte[] SecureManifestSha256, byte[] ApplicationManifestSha256, uint FileCount)
{
    /// <summary>Name of the header entry.</summary>
    public const string HeaderEntry = "update.oem";

    private const byte Format = 1;

    /// <summary>Encodes the header body.</summary>
    public byte[] Encode() => new ByteWriter(128).U8(Format).U8((byte)Origin).Text(Release).U32(SecureVersion)
        .Raw(SecureManifestSha256).Raw(ApplicationManifestSha256).U32(FileCount).ToArray();

    /// <summary>Decodes a header body.</summary>
    /// <exception cref="MalformedDataException">Not a header.</exception>
    public static UpdateBundle Decode(ReadOnlyMemory<byte> body)
    {
        var r = new ByteReader(body, "UpdateBundle");
        var format = r.U8("format");
        if (format != Format)
        {
            throw r.Fail("format", 0, $"format {format} is not {Format}");
        }

        var header = new UpdateBundle(r.Enum<UpdateOrigin>("origin"), r.Text("release", 64), r.U32("secureVersion"), r.Raw(32, "secureManifest"),
            r.Raw(32, "applicationManifest"), r.U32("fileCount"));
        r.ExpectEnd();
        return header;
    }

    /// <summary>Packs a sealed deployment into a bundle signed with the OEM key; returns the header.</summary>
    /// <exception cref="DeploymentException">The deployment is not sealed by this OEM, or a file differs from its manifest.</exception>
    public static UpdateBundle Pack(string deploymentDirectory, Stream output, UpdateOrigin origin, ISignatureKey oemKey, DateTimeOffset signedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(deploymentDirectory);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(oemKey);
        var secureDocument = ReadSealed(deploymentDirectory, DeploymentLayout.SecureManifest);
        var applicationDocument = ReadSealed(deploymentDirectory, DeploymentLayout.ApplicationManifest);
        DeploymentChain chain;
        try
        {
            chain = DeploymentChain.Verify(secureDocument, applicationDocument, new BootRom(oemKey.PublicKey), null);
        }
        catch (OemDocumentException e)
        {
            throw new DeploymentException(DeploymentError.BadSignature, $"{deploymentDirectory} is not sealed by this OEM key: {e.Message}", e);
        }

        var files = chain.Manifests.SelectMany(m => m.Entries).ToList();
        var header = new UpdateBundle(origin, chain.Secure.Release, chain.Secure.SecureVersion, SHA256.HashData(secureDocument),
            SHA256.HashData(applicationDocument), (uint)files.Count);
        using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        Write(tar, HeaderEntry, OemDocument.Sign(OemDocumentKind.UpdateBundle, header.Encode(), oemKey, signedAt), 0b110_100_100, signedAt);
        Write(tar, DeploymentLayout.SecureManifest, secureDocument, 0b110_100_100, signedAt);
        Write(tar, DeploymentLayout.ApplicationManifest, applicationDocument, 0b110_100_100, signedAt);
        foreach (var e in files)
        {
            using var file = File.OpenRead(Path.Combine(deploymentDirectory, e.Label));
            if (file.Length != e.ImageLengthBytes)
            {
                throw new DeploymentException(DeploymentError.Mismatch, $"{e.Label} is {file.Length} bytes, sealed {e.ImageLengthBytes}: seal the deployment again.");
            }

            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, e.Label)
            {
                DataStream = file,
                Mode = (UnixFileMode)e.Mode,
                ModificationTime = signedAt,
            });
        }

        return header;
    }

    private static void Write(TarWriter tar, string name, byte[] bytes, uint mode, DateTimeOffset at)
    {
        using var data = new MemoryStream(bytes, writable: false);
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = data, Mode = (UnixFileMode)mode, ModificationTime = at });
    }

    private static byte[] ReadSealed(string directory, string manifest)
    {
        var path = Path.Combine(directory, manifest);
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new DeploymentException(DeploymentError.NotADeployment, $"{directory} is not sealed: no {manifest} (run `Firmware seal` first).");
    }
}
