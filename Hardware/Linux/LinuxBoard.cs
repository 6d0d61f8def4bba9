using Hardware.Files;
using Hardware.Flash;
using Hardware.Storage;

namespace Hardware.Linux;

/// <summary>
/// A Linux-class OBU reading the real machine: processes, memory, interface counters and peers
/// from procfs, inventory from procfs and sysfs, durable records as files, images as files.
/// Linux offers no general source for memory-fault events, tamper, reset reason, firewall drops,
/// security-policy events, CAN or an HMI without extra configuration (audit rules, nftables
/// logging, a watchdog driver, SocketCAN), so those capabilities are null here. The sealed
/// deployment (when a root is given) is a <see cref="LocalFileTree"/>; the IMA measurement list is
/// read when the kernel exposes it.
/// </summary>
public sealed class LinuxBoard : IDisposable
{
    private readonly FileFlashImage? _flash;

    /// <summary>Builds the board.</summary>
    /// <exception cref="PartitionTableException">The flash image file holds no valid partition table.</exception>
    /// <exception cref="IOException">The deployment root does not resolve to a directory.</exception>
    public LinuxBoard(LinuxBoardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var deployment = options.DeploymentRoot is null ? null : new LocalFileTree(options.DeploymentRoot);
        _flash = options.FlashImagePath is null ? null : FileFlashImage.Open(options.FlashImagePath);
        var system = new LinuxSystemReaders(options.Time, options.ProcRoot);
        var inventory = new LinuxInventory(options.ProcRoot, options.SysRoot, imageFiles: options.ImageFiles);
        Capabilities = new BoardCapabilities
        {
            Name = Environment.MachineName,
            Time = options.Time,
            Random = options.Random,
            Flash = _flash,
            Storage = new FileDurableStore(options.StorageDirectory),
            Processes = new LinuxProcessTable(options.Time, options.ProcRoot),
            Memory = system,
            NetworkCounters = system,
            NetworkPeers = system,
            KeyStore = options.KeyStore,
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

    /// <inheritdoc />
    public void Dispose() => _flash?.Dispose();
}
