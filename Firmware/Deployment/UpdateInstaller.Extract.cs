using System.Buffers;
using System.Formats.Tar;
using System.Security.Cryptography;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Encoding;
using Hardware.Files;

namespace Firmware.Deployment;

public sealed partial class UpdateInstaller
{
    private const int ChunkBytes = 1 << 20;

    // Reads the bundle: header (ROM key), manifests (their hashes in the header; the chain; anti-rollback),
    // then every file into the incoming directory, hashed against its manifest entry while it is written.
    private (UpdateBundle Header, (int Files, long Bytes) Written) Extract(Stream bundle, string incoming)
    {
        using var reader = new TarReader(bundle, leaveOpen: true);
        var header = OpenHeader(ReadSmall(reader, UpdateBundle.HeaderEntry));
        var secureDocument = ReadSmall(reader, DeploymentLayout.SecureManifest);
        var applicationDocument = ReadSmall(reader, DeploymentLayout.ApplicationManifest);
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(secureDocument), header.SecureManifestSha256)
            || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(applicationDocument), header.ApplicationManifestSha256))
        {
            throw new DeploymentException(DeploymentError.Mismatch, "The bundle's manifests are not the ones its signed header names.");
        }

        var chain = VerifyChain(secureDocument, applicationDocument, header);
        Step(InstallStep.Verified);

        var listed = chain.Manifests.SelectMany(m => m.Entries).ToDictionary(e => e.Label, StringComparer.Ordinal);
        if (header.FileCount != listed.Count)
        {
            throw new DeploymentException(DeploymentError.Mismatch, $"The header counts {header.FileCount} files, the manifests list {listed.Count}.");
        }

        Directory.CreateDirectory(incoming);
        var directories = new SortedSet<string>(StringComparer.Ordinal) { incoming };
        WriteFile(incoming, DeploymentLayout.SecureManifest, secureDocument, directories);
        WriteFile(incoming, DeploymentLayout.ApplicationManifest, applicationDocument, directories);
        var done = new HashSet<string>(StringComparer.Ordinal);
        long bytes = 0;
        while (Next(reader) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
            {
                throw new DeploymentException(DeploymentError.Malformed, $"Entry {entry.Name} is a {entry.EntryType}: a bundle holds regular files only.");
            }

            if (!listed.TryGetValue(entry.Name, out var sealedEntry) || !done.Add(entry.Name))
            {
                throw new DeploymentException(DeploymentError.Mismatch, $"Entry {entry.Name} is not listed in the manifests, or appears twice.");
            }

            if (entry.Length != sealedEntry.ImageLengthBytes)
            {
                throw new DeploymentException(DeploymentError.Mismatch, $"{entry.Name} is {entry.Length} bytes, sealed {sealedEntry.ImageLengthBytes}.");
            }

            try
            {
                CopyFile(entry, sealedEntry, incoming, directories, tearFirst: done.Count == 1);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
            {
                throw new DeploymentException(DeploymentError.Malformed, $"The bundle ends or breaks inside {entry.Name}: {e.Message}", e);
            }

            bytes += entry.Length;
        }

        if (done.Count != listed.Count)
        {
            throw new DeploymentException(DeploymentError.Mismatch,
                $"The bundle lacks {listed.Count - done.Count} sealed files, for example {listed.Keys.First(k => !done.Contains(k))}.");
        }

        // Entries first, then the directories that hold them (deepest first): all durable before the rename.
        foreach (var directory in directories.Reverse())
        {
            PosixFiles.SyncDirectory(directory);
        }

        Step(InstallStep.Extracted);
        return (header, (done.Count, bytes));
    }

    private UpdateBundle OpenHeader(byte[] document)
    {
        try
        {
            var (body, _) = OemDocument.Open(document, OemDocumentKind.UpdateBundle, _options.Rom);
            return UpdateBundle.Decode(body);
        }
        catch (OemDocumentException e) when (e.Error is OemDocumentError.BadSignature)
        {
            throw new DeploymentException(DeploymentError.BadSignature, $"The bundle header does not verify: {e.Message}", e);
        }
        catch (OemDocumentException e)
        {
            throw new DeploymentException(DeploymentError.Malformed, $"The bundle header is refused: {e.Message}", e);
        }
        catch (MalformedDataException e)
        {
            throw new DeploymentException(DeploymentError.Malformed, $"The bundle header does not decode: {e.Message}", e);
        }
    }

    private DeploymentChain VerifyChain(byte[] secureDocument, byte[] applicationDocument, UpdateBundle header)
    {
        var rollback = new AntiRollback(_options.Store);
        DeploymentChain chain;
        try
        {
            chain = DeploymentChain.Verify(secureDocument, applicationDocument, _options.Rom, rollback);
        }
        catch (OemDocumentException e) when (e.Error is OemDocumentError.Stale)
        {
            throw new DeploymentException(DeploymentError.Rollback, e.Message, e);
        }
        catch (OemDocumentException e) when (e.Error is OemDocumentError.BadSignature)
        {
            throw new DeploymentException(DeploymentError.BadSignature, e.Message, e);
        }
        catch (OemDocumentException e)
        {
            throw new DeploymentException(DeploymentError.Malformed, e.Message, e);
        }

        if (chain.RolledBack(rollback) is { Count: > 0 } old)
        {
            var (stage, entry, minimum) = old[0];
            throw new DeploymentException(DeploymentError.Rollback,
                $"Secure version {entry.SecureVersion} of the {stage} stage is below the minimum {minimum} this OBU runs ({old.Count} files).");
        }

        if (header.SecureVersion != chain.Secure.SecureVersion || header.Release != chain.Secure.Release)
        {
            throw new DeploymentException(DeploymentError.Mismatch,
                $"The header says {header.Release} / secure version {header.SecureVersion}, the manifest {chain.Secure.Release} / {chain.Secure.SecureVersion}.");
        }

        return chain;
    }

    private void CopyFile(TarEntry entry, ManifestEntry sealedEntry, string incoming, SortedSet<string> directories, bool tearFirst)
    {
        var path = Path.Combine(incoming, entry.Name);
        CreateParents(incoming, entry.Name, directories);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            var source = entry.DataStream ?? Stream.Null;
            long written = 0;
            var half = sealedEntry.ImageLengthBytes / 2;
            var torn = !tearFirst;
            while (true)
            {
                // The first file is written up to its middle first, so a crash test can stop the install with a torn file on disk.
                var want = torn ? ChunkBytes : (int)Math.Min(ChunkBytes, Math.Max(1, half - written));
                var n = source.Read(buffer, 0, want);
                if (n == 0)
                {
                    break;
                }

                hash.AppendData(buffer, 0, n);
                output.Write(buffer, 0, n);
                written += n;
                if (!torn && written >= half)
                {
                    torn = true;
                    output.Flush(flushToDisk: true);
                    Step(InstallStep.Extracting);
                }
            }

            if (written != sealedEntry.ImageLengthBytes)
            {
                throw new DeploymentException(DeploymentError.Malformed, $"The bundle ends inside {entry.Name} ({written} of {sealedEntry.ImageLengthBytes} bytes).");
            }

            if (!CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), sealedEntry.Sha256))
            {
                throw new DeploymentException(DeploymentError.Mismatch, $"{entry.Name} differs from its manifest (SHA-256).");
            }

            output.Flush(flushToDisk: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)sealedEntry.Mode);
        }
    }

    private static void WriteFile(string incoming, string name, byte[] bytes, SortedSet<string> directories)
    {
        CreateParents(incoming, name, directories);
        using var output = new FileStream(Path.Combine(incoming, name), FileMode.CreateNew, FileAccess.Write, FileShare.None);
        output.Write(bytes);
        output.Flush(flushToDisk: true);
    }

    private static void CreateParents(string incoming, string name, SortedSet<string> directories)
    {
        var segments = name.Split('/');
        var directory = incoming;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            directory = Path.Combine(directory, segments[i]);
            if (directories.Add(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
    }

    private static byte[] ReadSmall(TarReader reader, string expected)
    {
        var entry = Next(reader);
        if (entry is null || entry.Name != expected || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
        {
            throw new DeploymentException(DeploymentError.Malformed, $"The bundle's next entry is {entry?.Name ?? "the end"}, not {expected}.");
        }

        if (entry.Length > DeploymentLayout.MaxManifestBytes)
        {
            throw new DeploymentException(DeploymentError.Malformed, $"{expected} of {entry.Length} bytes exceeds {DeploymentLayout.MaxManifestBytes}.");
        }

        using var copy = new MemoryStream();
        entry.DataStream?.CopyTo(copy);
        return copy.ToArray();
    }

    private static TarEntry? Next(TarReader reader)
    {
        try
        {
            return reader.GetNextEntry(copyData: false);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or ArgumentException)
        {
            throw new DeploymentException(DeploymentError.Malformed, $"The bundle is not a valid tar archive: {e.Message}", e);
        }
    }
}
