using Hardware.Boards;
using Hardware.Can;
using Hardware.Flash;
using Hardware.Hmi;
using Hardware.Positioning;
using Hardware.Processes;
using Hardware.Security;
using Hardware.Storage;

namespace Hardware.Simulated;

/// <summary>
/// The simulated OBU: every simulated capability over one flash image file laid out by a
/// <see cref="BoardDescription"/>'s partition table. <see cref="Create"/> writes deterministic
/// reference images (<see cref="ReferenceImages"/>); <see cref="Open"/> reopens the same file, which is
/// how the board restarts: images, NVS records, tamper latch, crash log, attached hardware and
/// installed applications survive; processes, RAM logs and counters start afresh.
/// Fault-injection methods (in SimulatedBoard.Faults.cs) change what the capabilities report.
/// </summary>
public sealed partial class SimulatedBoard : IDisposable
{
    /// <summary>Version of the reference images written by <see cref="Create"/>.</summary>
    public const string ReferenceVersion = "1.0.0";

    /// <summary>Secure version of the reference images.</summary>
    public const uint ReferenceSecureVersion = 1;

    private readonly bool _ownsKeyStore;

    private SimulatedBoard(FileFlashImage flash, SimulatedBoardOptions options)
    {
        FlashImage = flash;
        Time = options.Time;
        Store = new FlashDurableStore(flash, ObuPartitions.Nvs);
        Processes = new SimulatedProcessTable(Time);
        Memory = new SimulatedMemory(Time, 8L * 1024 * 1024);
        Network = new SimulatedNetwork(Time, ["lo", "eth0", "radio0", "can0"]);
        SecurityPolicy = new SimulatedSecurityPolicyLog(Time);
        Tamper = new SimulatedTamperSensor(Time, Store);
        Reset = new SimulatedResetInfo(Time, Store);
        Inventory = new SimulatedInventory(flash, Store);
        Alerts = new SimulatedAlertOutput(Time);
        CanBus = options.CanBus ?? new SimulatedCanBus();
        _ownsKeyStore = options.KeyStore is null;
        var keyStore = options.KeyStore ?? new InMemoryKeyStore();
        StartExpectedProcesses();
        Capabilities = new BoardCapabilities
        {
            Name = flash.Path,
            Time = Time,
            Random = options.Random,
            Flash = flash,
            Storage = Store,
            Processes = Processes,
            Memory = Memory,
            MemoryFaults = Memory,
            NetworkCounters = Network,
            NetworkPeers = Network,
            Firewall = Network,
            SecurityPolicy = SecurityPolicy,
            KeyStore = keyStore,
            Tamper = Tamper,
            Reset = Reset,
            HardwareInventory = Inventory,
            SoftwareInventory = Inventory,
            Position = options.Position ?? new SimulatedRoute(Time, SimulatedRoute.MunichBlock, 519),
            Radio = options.Radio,
            Can = CanBus.Connect("obu"),
            Alerts = Alerts,
        };
    }

    /// <summary>The processes every clean board runs after boot: (pid, name, path, user, uid, CPU use).</summary>
    public static IReadOnlyList<(int Pid, string Name, string Path, string User, int Uid, double CpuUse)> ExpectedProcesses { get; } =
    [
        (1, "init", "/sbin/init", "root", 0, 0.001),
        (10, "secure-os", "/secure/os", "root", 0, 0.01),
        (11, "idf", "/secure/idf", "idf", 900, 0.02),
        (20, "v2x-app", "/app/v2x-app", "v2x", 1000, 0.15),
        (21, "gnssd", "/app/gnssd", "gnss", 1001, 0.01),
        (22, "can-gw", "/app/can-gw", "can", 1002, 0.02),
    ];

    /// <summary>Everything the board offers, for the firmware.</summary>
    public BoardCapabilities Capabilities { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>The flash image file.</summary>
    public FileFlashImage FlashImage { get; }

    /// <summary>Durable records in the NVS partition.</summary>
    public FlashDurableStore Store { get; }

    /// <summary>Process table (fault injection: start, kill, change user, set CPU).</summary>
    public SimulatedProcessTable Processes { get; }

    /// <summary>Memory statistics and faults.</summary>
    public SimulatedMemory Memory { get; }

    /// <summary>Network counters, peers, firewall.</summary>
    public SimulatedNetwork Network { get; }

    /// <summary>Security-policy telemetry.</summary>
    public SimulatedSecurityPolicyLog SecurityPolicy { get; }

    /// <summary>Tamper sensor (latched across restarts).</summary>
    public SimulatedTamperSensor Tamper { get; }

    /// <summary>Reset reason and crash log.</summary>
    public SimulatedResetInfo Reset { get; }

    /// <summary>Hardware and software inventory.</summary>
    public SimulatedInventory Inventory { get; }

    /// <summary>The dashboard alerts.</summary>
    public SimulatedAlertOutput Alerts { get; }

    /// <summary>The CAN bus the board is connected to as node "obu".</summary>
    public SimulatedCanBus CanBus { get; }

    /// <summary>
    /// Creates a board: a new flash image file laid out by the description, with reference
    /// images (version <see cref="ReferenceVersion"/>, secure version <see cref="ReferenceSecureVersion"/>)
    /// in every image partition and a formatted NVS.
    /// </summary>
    public static SimulatedBoard Create(string flashPath, BoardDescription board, SimulatedBoardOptions options)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(options);
        var flash = FileFlashImage.Create(flashPath, board.FlashSizeBytes, board.Partitions);
        try
        {
            foreach (var label in ObuPartitions.Images)
            {
                ReferenceImages.Write(flash, label, ReferenceVersion, ReferenceSecureVersion);
            }

            flash.Flush();
            return new SimulatedBoard(flash, options);
        }
        catch
        {
            flash.Dispose();
            throw;
        }
    }

    /// <summary>Opens (boots) a board from an existing flash image file.</summary>
    /// <exception cref="PartitionTableException">The file holds no valid partition table.</exception>
    public static SimulatedBoard Open(string flashPath, SimulatedBoardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var flash = FileFlashImage.Open(flashPath);
        try
        {
            return new SimulatedBoard(flash, options);
        }
        catch
        {
            flash.Dispose();
            throw;
        }
    }

    /// <summary>A requested software restart: the next <see cref="Open"/> reports <see cref="Reset.ResetReason.Software"/>.</summary>
    public void RequestRestart() => Reset.RecordNextReset(global::Hardware.Reset.ResetReason.Software);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsKeyStore && Capabilities.KeyStore is IDisposable keys)
        {
            keys.Dispose();
        }

        FlashImage.Dispose();
    }

    private void StartExpectedProcesses()
    {
        foreach (var p in ExpectedProcesses)
        {
            Processes.Start(p.Name, p.Path, p.User, p.Uid, p.Uid == 0 ? 0x1FF_FFFF_FFFFUL : 0, p.CpuUse, parentPid: p.Pid == 1 ? 0 : 1, pid: p.Pid);
        }
    }
}
