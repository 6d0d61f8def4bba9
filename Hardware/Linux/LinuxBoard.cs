using Hardware.Files;
using Hardware.Flash;
using Hardware.Security;
using Hardware.Storage;

namespace Hardware.Linux;

/// <summary>
/// A Linux-class OBU reading the real machine: processes (with CapEff, NoNewPrivs, Seccomp and uids),
/// memory, interface counters and peers from procfs; process mappings from /proc/PID/maps; the ends
/// of monitored processes from the kernel's process events (<see cref="ProcessExitLog"/>, the crash and
/// memory-fault logs); the counters of named nftables rules (<see cref="NftablesFirewall"/>); the PKCS#11
/// token's presence and login as the tamper sensor (<see cref="Pkcs11TamperSensor"/>); inventory from
/// procfs and sysfs; durable records as files; images as files. The sealed deployment (when a root is
/// given) is a <see cref="LocalFileTree"/>; the IMA measurement list is read when the kernel exposes it.
/// Linux offers no general source for a security-policy event log (IPC attachments, capability uses as
/// they happen), a reset reason, CAN or an HMI without extra configuration (audit rules, a watchdog
/// driver, SocketCAN), so those capabilities are null here.
/// </summary>
public sealed class LinuxBoard : IDisposable
{
    private readonly FileFlashImage? _flash;
    private readonly ProcessExitLog? _exits;

    /// <summary>Builds the board.</summary>
    /// <exception cref="PartitionTableException">The flash image file holds no valid partition table.</exception>
    /// <exception cref="ArgumentException">FirewallTable is not "FAMILY NAME".</exception>
    /// <exception cref="IOException">The deployment root does not resolve to a directory.</exception>
    public LinuxBoard(LinuxBoardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        NftablesFirewall? firewall = null;
        if (options.FirewallTable is { Length: > 0 } table)
        {
            var parts = table.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            firewall = parts.Length == 2
                ? new NftablesFirewall(options.Time, parts[0], parts[1], options.FirewallNamespace)
                : throw new ArgumentException($"FirewallTable is \"FAMILY NAME\" (for example \"inet obu\"), not '{table}'.", nameof(options));
        }

        var deployment = options.DeploymentRoot is null ? null : new LocalFileTree(options.DeploymentRoot);
        _flash = options.FlashImagePath is null ? null : FileFlashImage.Open(options.FlashImagePath);
        var storage = new FileDurableStore(options.StorageDirectory);
        string? problem = "process events not asked for (LinuxBoardOptions.ProcessEvents is false)";
        _exits = options.ProcessEvents ? ProcessExitLog.TryOpen(storage, options.Time, options.ProcRoot, out problem) : null;
        ProcessEventsProblem = problem;
        var system = new LinuxSystemReaders(options.Time, options.ProcRoot);
        var inventory = new LinuxInventory(options.ProcRoot, options.SysRoot, imageFiles: options.ImageFiles);
        Capabilities = new BoardCapabilities
        {
            Name = Environment.MachineName,
            Time = options.Time,
            Random = options.Random,
            Flash = _flash,
            Storage = storage,
            Processes = new LinuxProcessTable(options.Time, options.ProcRoot),
            Memory = system,
            MemoryMappings = new LinuxMemoryMaps(options.ProcRoot),
            MemoryFaults = _exits,
            Reset = _exits,
            ProcessWatch = _exits,
            NetworkCounters = system,
            NetworkPeers = system,
            FirewallCounters = firewall,
            KeyStore = options.KeyStore,
            Tamper = options.KeyStore is Pkcs11KeyStore token ? new Pkcs11TamperSensor(token, storage, options.Time) : null,
            HardwareInventory = inventory,
            SoftwareInventory = inventory,
            Position = options.Position,
            Radio = options.Radio,
            Deployment = deployment,
            FileMeasurements = ImaMeasurementLog.OpenIfPresent(options.ImaLogPath),
        };
    }

    /// <summary>Everything the board offers.</summary>
    public BoardCapabilities Capabilities { get; }

    /// <summary>Why the board has no process-exit log (crash and memory-fault logs), or null when it has one.</summary>
    public string? ProcessEventsProblem { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        _exits?.Dispose();
        _flash?.Dispose();
    }
}
