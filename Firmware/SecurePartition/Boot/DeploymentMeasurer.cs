using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using Hardware.Files;
using V2x.Integrity;

namespace Firmware.SecurePartition.Boot;

/// <summary>
/// Measures the files of a sealed deployment against its verified manifests (patent ¶102-103:
/// integrity checks of the software; ¶114: at boot, on every trigger, periodically). Every
/// measurement lists the whole tree (statx per entry, no hashing) to find missing, added, replaced
/// and re-moded files; a listed file is re-hashed (SHA-256, FIPS 180-4) when
/// <list type="bullet">
/// <item>the scope is <see cref="MeasureScope.Full"/> (boot, and a full scan once per <see cref="DeploymentCheckOptions.FullRehashPeriod"/>),</item>
/// <item>the scope is <see cref="MeasureScope.Application"/> and the file is the application's (its announced start),</item>
/// <item>or its stamp (size, mode, inode, device, mtime, ctime) differs from the one it last matched
/// with, or that stamp was not settled (ctime within two seconds of the kernel clock: a change in
/// the same timestamp tick would not move it).</item>
/// </list>
/// Not thread-safe: the IDF calls it under its scan lock.
/// </summary>
public sealed partial class DeploymentMeasurer
{
    private const int ChunkBytes = 1 << 20;
    private const int WholeFileBytes = 64 << 20;
    private readonly IFileTree _tree;
    private readonly IFileMeasurementLog? _ima;
    private readonly DeploymentCheckOptions _options;
    private readonly Dictionary<string, (string Stage, ManifestEntry Entry)> _listed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileStamp> _matched = new(StringComparer.Ordinal);
    private DateTimeOffset? _lastFull;

    /// <summary>Measures a tree against a verified chain.</summary>
    public DeploymentMeasurer(IFileTree tree, DeploymentChain chain, IFileMeasurementLog? ima, DeploymentCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(options);
        _tree = tree;
        Chain = chain;
        _ima = ima;
        _options = options;
        foreach (var manifest in chain.Manifests)
        {
            foreach (var e in manifest.Entries)
            {
                _listed[e.Label] = (manifest.Stage, e);
            }
        }
    }

    /// <summary>The chain measured against.</summary>
    public DeploymentChain Chain { get; }

    /// <summary>
    /// Measures the deployment. <see cref="MeasureScope.Stamps"/> becomes <see cref="MeasureScope.Full"/>
    /// when the full re-hash period has passed since the last full measurement.
    /// </summary>
    public DeploymentMeasurement Measure(MeasureScope scope, DateTimeOffset now)
    {
        if (scope != MeasureScope.Full && (_lastFull is null || now - _lastFull.Value >= _options.FullRehashPeriod || now < _lastFull.Value))
        {
            scope = MeasureScope.Full;
        }

        if (scope == MeasureScope.Full)
        {
            _lastFull = now;
        }

        var findings = new List<DeploymentFinding>();
        IReadOnlyList<FileStamp> listing;
        try
        {
            listing = _tree.List();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            findings.Add(new DeploymentFinding("deployment.unreadable", ".", IntegrityLevel.HighAnomaly, $"the deployment cannot be listed: {e.Message}"));
            return new DeploymentMeasurement(scope, 0, 0, 0, 0, findings);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        long listedBytes = 0, hashedBytes = 0;
        var hashedFiles = 0;
        foreach (var stamp in listing)
        {
            if (stamp.Path is DeploymentLayout.SecureManifest or DeploymentLayout.ApplicationManifest && stamp.Kind == FileKind.Regular)
            {
                CheckManifest(stamp.Path, findings);
                continue;
            }

            if (!_listed.TryGetValue(stamp.Path, out var listed))
            {
                findings.Add(Added(stamp));
                continue;
            }

            seen.Add(stamp.Path);
            var entry = listed.Entry;
            listedBytes += entry.ImageLengthBytes;
            if (stamp.Kind != FileKind.Regular)
            {
                _matched.Remove(stamp.Path);
                findings.Add(new DeploymentFinding("deployment.not-regular", stamp.Path, IntegrityLevel.HighAnomaly,
                    $"{stamp.Path} is now a {stamp.Kind}, not the sealed regular file"));
                continue;
            }

            // Execute, set-user-ID and set-group-ID bits decide what may run and with whose rights.
            const uint RunBits = 0b110_001_001_001;
            if ((stamp.Mode & RunBits) != (entry.Mode & RunBits))
            {
                findings.Add(new DeploymentFinding("deployment.mode", stamp.Path, IntegrityLevel.HighAnomaly,
                    string.Create(CultureInfo.InvariantCulture, $"{stamp.Path} has mode {Convert.ToString(stamp.Mode, 8)}, sealed {Convert.ToString(entry.Mode, 8)}")));
            }

            if (stamp.SizeBytes != entry.ImageLengthBytes)
            {
                _matched.Remove(stamp.Path);
                findings.Add(new DeploymentFinding("deployment.changed", stamp.Path, IntegrityLevel.HighAnomaly,
                    string.Create(CultureInfo.InvariantCulture, $"{stamp.Path} is {stamp.SizeBytes} bytes, sealed {entry.ImageLengthBytes}")));
                continue;
            }

            var rehash = scope == MeasureScope.Full
                || (scope == MeasureScope.Application && listed.Stage == DeploymentLayout.ApplicationStage)
                || !_matched.TryGetValue(stamp.Path, out var known) || !known.SameState(stamp);
            if (!rehash)
            {
                continue;
            }

            hashedFiles++;
            hashedBytes += stamp.SizeBytes;
            if (HashAndCompare(stamp, entry) is { } finding)
            {
                findings.Add(finding);
            }
        }

        foreach (var (path, _) in _listed.Where(kv => !seen.Contains(kv.Key)))
        {
            _matched.Remove(path);
            findings.Add(new DeploymentFinding("deployment.missing", path, IntegrityLevel.HighAnomaly, $"{path} is sealed but missing"));
        }

        foreach (var manifest in new[] { DeploymentLayout.SecureManifest, DeploymentLayout.ApplicationManifest }
            .Where(m => !listing.Any(s => s.Path == m && s.Kind == FileKind.Regular)))
        {
            findings.Add(new DeploymentFinding("deployment.manifest-changed", manifest, IntegrityLevel.HighAnomaly, $"{manifest} is missing since boot"));
        }

        CheckRunningFrom(findings);
        CheckIma(findings);
        findings.Add(new DeploymentFinding("deployment.measured", ".", IntegrityLevel.NoAnomaly, string.Create(CultureInfo.InvariantCulture,
            $"{scope} measurement: {_listed.Count} sealed files ({listedBytes} bytes) in {_tree.Root}, {hashedFiles} re-hashed ({hashedBytes} bytes)")));
        return new DeploymentMeasurement(scope, _listed.Count, listedBytes, hashedFiles, hashedBytes, findings);
    }

    /// <summary>
    /// SHA-256 (FIPS 180-4) of a file of the tree: read whole into a pooled buffer and hashed in one
    /// call (files up to 64 MiB), else in 1 MiB chunks.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static byte[] Hash(IFileTree tree, string path)
    {
        ArgumentNullException.ThrowIfNull(tree);
        using var stream = tree.OpenRead(path);
        if (!stream.CanSeek || stream.Length > WholeFileBytes)
        {
            return Hash(stream);
        }

        var length = (int)stream.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        try
        {
            stream.ReadExactly(buffer, 0, length);
            if (stream.ReadByte() >= 0)
            {
                throw new IOException($"{path} grew while it was hashed.");
            }

            return SHA256.HashData(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>SHA-256 of a stream to its end, read in 1 MiB chunks.</summary>
    public static byte[] Hash(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int n;
            while ((n = stream.Read(buffer, 0, ChunkBytes)) > 0)
            {
                hash.AppendData(buffer, 0, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return hash.GetHashAndReset();
    }

    private DeploymentFinding? HashAndCompare(FileStamp stamp, ManifestEntry entry)
    {
        byte[] hash;
        FileStamp? after;
        try
        {
            hash = Hash(_tree, stamp.Path);
            after = _tree.Stat(stamp.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _matched.Remove(stamp.Path);
            return new DeploymentFinding("deployment.unreadable", stamp.Path, IntegrityLevel.HighAnomaly, $"{stamp.Path} cannot be read: {e.Message}");
        }

        if (!CryptographicOperations.FixedTimeEquals(hash, entry.Sha256))
        {
            _matched.Remove(stamp.Path);
            return new DeploymentFinding("deployment.changed", stamp.Path, IntegrityLevel.HighAnomaly,
                $"{stamp.Path}: SHA-256 {Convert.ToHexStringLower(hash)} differs from the sealed {Convert.ToHexStringLower(entry.Sha256)}");
        }

        // Only a settled stamp that did not move while hashing may vouch for these bytes next time.
        if (stamp.Settled && after is not null && after.SameState(stamp))
        {
            _matched[stamp.Path] = stamp;
        }
        else
        {
            _matched.Remove(stamp.Path);
        }

        return null;
    }

    private static DeploymentFinding Added(FileStamp stamp)
    {
        if (stamp.Kind != FileKind.Regular)
        {
            return new DeploymentFinding("deployment.added-executable", stamp.Path, IntegrityLevel.HighAnomaly,
                $"{stamp.Path} ({stamp.Kind}) is not sealed");
        }

        return LooksExecutable(stamp)
            ? new DeploymentFinding("deployment.added-executable", stamp.Path, IntegrityLevel.HighAnomaly, $"{stamp.Path} is an executable file that is not sealed")
            : new DeploymentFinding("deployment.added-file", stamp.Path, IntegrityLevel.Anomaly, $"{stamp.Path} is not sealed");
    }

    // Executable: an execute bit, a name the runtime loads code from, or the magic of an ELF or PE file.
    private static bool LooksExecutable(FileStamp stamp) =>
        stamp.AnyExecuteBit || stamp.Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || stamp.Path.EndsWith(".so", StringComparison.Ordinal)
        || stamp.Path.Contains(".so.", StringComparison.Ordinal) || stamp.Path.EndsWith(".exe", StringComparison.OrdinalIgnoreCase);

    private void CheckManifest(string path, List<DeploymentFinding> findings)
    {
        var booted = path == DeploymentLayout.SecureManifest ? Chain.SecureDocument : Chain.ApplicationDocument;
        try
        {
            using var stream = _tree.OpenRead(path);
            var bytes = new byte[Math.Min(stream.Length, DeploymentLayout.MaxManifestBytes + 1L)];
            stream.ReadExactly(bytes);
            if (bytes.AsSpan().SequenceEqual(booted))
            {
                return;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Reported below as changed: what cannot be read cannot be the booted manifest.
        }

        findings.Add(new DeploymentFinding("deployment.manifest-changed", path, IntegrityLevel.HighAnomaly, $"{path} differs from the manifest verified at boot"));
    }

    private void CheckRunningFrom(List<DeploymentFinding> findings)
    {
        if (_options.RunningFrom is not { } from)
        {
            return;
        }

        var secure = Path.Combine(_tree.Root, DeploymentLayout.SecureDirectory);
        string resolved;
        try
        {
            resolved = PosixFiles.RealPath(from);
        }
        catch (IOException e)
        {
            resolved = from + " (" + e.Message + ")";
        }

        if (!string.Equals(resolved.TrimEnd('/'), secure, StringComparison.Ordinal))
        {
            findings.Add(new DeploymentFinding("deployment.not-running-sealed", DeploymentLayout.SecureDirectory, IntegrityLevel.HighAnomaly,
                $"the secure partition runs from {resolved}, not from the sealed {secure}"));
        }
    }
}
