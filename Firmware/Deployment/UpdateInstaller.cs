using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Triggers;
using Hardware.Files;

namespace Firmware.Deployment;

/// <summary>
/// Installs a signed update bundle into the inactive of two slots and switches atomically:
/// <code>
/// ROOT/slots/a, ROOT/slots/b   two sealed deployments
/// ROOT/current -> slots/X      the one the OBU starts (the secure partition's Deployment:Root)
/// </code>
/// Steps (<see cref="InstallStep"/>): verify the header with the ROM's key, the manifest chain and
/// the anti-rollback state, before anything is written; extract into slots/incoming, hashing every
/// file against its manifest and fsync'ing files and directories; rename it to the inactive slot;
/// write the pending-update record (origin, target, flash generation + 1) durably; create
/// current.new and rename(2) it over current; fsync the root. A refusal or a crash at any step
/// before the rename leaves current, the running slot and the partition's store as they were
/// (leftovers of a torn install are removed by the next one); after it, the next start runs the
/// new slot and the partition raises the update-completed trigger (patent ¶114) from the record.
/// A second install is refused until the restart has consumed the record (the running code would
/// otherwise be overwritten in the slot it runs from).
/// </summary>
public sealed partial class UpdateInstaller
{
    /// <summary>The slots folder.</summary>
    public const string SlotsDirectory = "slots";

    /// <summary>The link naming the slot to start.</summary>
    public const string CurrentLink = "current";

    private const string Incoming = "incoming";
    private const string Retired = "retired";
    private const string NewLink = "current.new";
    private readonly UpdateInstallerOptions _options;
    private readonly string _root;
    private readonly string _slots;

    /// <summary>An installer for one installation root.</summary>
    public UpdateInstaller(UpdateInstallerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.InstallRoot);
        _options = options;
        Directory.CreateDirectory(options.InstallRoot);
        _root = PosixFiles.RealPath(options.InstallRoot);
        _slots = Path.Combine(_root, SlotsDirectory);
    }

    /// <summary>The slot current names (a or b), or null before the first install.</summary>
    public string? ActiveSlot => ReadActiveSlot();

    /// <summary>Installs a bundle; returns what was installed.</summary>
    /// <exception cref="DeploymentException">Refused: bad signature, rollback, a file that differs, a malformed bundle, a restart pending.</exception>
    /// <exception cref="IOException">Writing failed (the running slot is untouched).</exception>
    public UpdateResult Install(Stream bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        Directory.CreateDirectory(_slots);
        RemoveLeftovers();
        var active = ReadActiveSlot();
        RefuseWhileRestartPending(active);
        var inactive = active == "a" ? "b" : "a";
        var incoming = Path.Combine(_slots, Incoming);
        UpdateBundle header;
        (int Files, long Bytes) written;
        try
        {
            (header, written) = Extract(bundle, incoming);
        }
        catch
        {
            RemoveTree(incoming);
            throw;
        }

        // The previous inactive slot goes; the active one is never touched.
        var slot = Path.Combine(_slots, inactive);
        if (Directory.Exists(slot))
        {
            var retired = Path.Combine(_slots, Retired);
            PosixFiles.Rename(slot, retired);
            PosixFiles.SyncDirectory(_slots);
            RemoveTree(retired);
        }

        PosixFiles.Rename(incoming, slot);
        PosixFiles.SyncDirectory(_slots);
        Step(InstallStep.SlotReplaced);

        var slotPath = PosixFiles.RealPath(slot);
        var generation = _options.Store.Read(MeasuredBoot.FlashGenerationKey) is { Length: 8 } g ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(g) : 0;
        new UpdateRecord(header.Origin, slotPath, header.Release, header.SecureVersion, generation + 1, _options.Time.GetUtcNow()).Write(_options.Store);
        Step(InstallStep.Recorded);

        var link = Path.Combine(_root, NewLink);
        File.CreateSymbolicLink(link, SlotsDirectory + "/" + inactive);
        PosixFiles.SyncDirectory(_root);
        Step(InstallStep.Linked);

        PosixFiles.Rename(link, Path.Combine(_root, CurrentLink));
        PosixFiles.SyncDirectory(_root);
        Step(InstallStep.Switched);
        return new UpdateResult(inactive, slotPath, header, written.Files, written.Bytes);
    }

    private void Step(InstallStep step) => _options.AfterStep?.Invoke(step);

    private string? ReadActiveSlot()
    {
        var current = new FileInfo(Path.Combine(_root, CurrentLink));
        if (current.LinkTarget is not { } target)
        {
            return current.Exists || Directory.Exists(current.FullName)
                ? throw new DeploymentException(DeploymentError.NotADeployment, $"{current.FullName} is not a link to a slot.")
                : null;
        }

        return target switch
        {
            SlotsDirectory + "/a" => "a",
            SlotsDirectory + "/b" => "b",
            _ => throw new DeploymentException(DeploymentError.NotADeployment, $"{current.FullName} links to {target}, not to {SlotsDirectory}/a or {SlotsDirectory}/b."),
        };
    }

    // An update whose record names the slot current links to has switched but not started yet.
    private void RefuseWhileRestartPending(string? active)
    {
        if (active is null)
        {
            return;
        }

        UpdateRecord? pending;
        try
        {
            pending = UpdateRecord.Read(_options.Store);
        }
        catch (SecurePartition.Encoding.MalformedDataException)
        {
            // The partition discards a malformed record at its next boot; it does not name a slot.
            return;
        }

        if (pending is not null && pending.Target == PosixFiles.RealPath(Path.Combine(_slots, active)))
        {
            throw new DeploymentException(DeploymentError.RestartPending,
                $"Release {pending.Release} was installed into slot {active} and has not started yet: restart the OBU before installing another update.");
        }
    }

    // What a killed install left: a torn incoming slot, a retired slot half removed, a new link not renamed.
    private void RemoveLeftovers()
    {
        RemoveTree(Path.Combine(_slots, Incoming));
        RemoveTree(Path.Combine(_slots, Retired));
        var link = new FileInfo(Path.Combine(_root, NewLink));
        if (link.LinkTarget is not null || link.Exists)
        {
            link.Delete();
        }
    }

    private static void RemoveTree(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
