using Hardware.Can;
using Hardware.Files;
using Hardware.Flash;
using Hardware.Hmi;
using Hardware.Inventory;
using Hardware.Memory;
using Hardware.Network;
using Hardware.Policy;
using Hardware.Positioning;
using Hardware.Processes;
using Hardware.Radio;
using Hardware.Random;
using Hardware.Reset;
using Hardware.Security;
using Hardware.Storage;

namespace Hardware;

/// <summary>
/// Everything a board offers the firmware, one capability interface each. Capabilities a board
/// does not have are null (for example the Linux board has no security-policy log and no HMI, and no
/// process-exit log where the kernel refuses its process events); the firmware treats a missing
/// capability as "cannot be checked", never as clean.
/// </summary>
public sealed record BoardCapabilities
{
    /// <summary>The board's name.</summary>
    public required string Name { get; init; }

    /// <summary>The clock (System.TimeProvider: tests pass FakeTimeProvider, the bench TimeProvider.System).</summary>
    public required TimeProvider Time { get; init; }

    /// <summary>Random bytes from a CSPRNG.</summary>
    public required IRandomSource Random { get; init; }

    /// <summary>Partitioned flash with the images.</summary>
    public IFlashImage? Flash { get; init; }

    /// <summary>Durable small records (counters, minimum versions).</summary>
    public required IDurableStore Storage { get; init; }

    /// <summary>Process table.</summary>
    public IProcessTable? Processes { get; init; }

    /// <summary>Memory statistics.</summary>
    public IMemoryStatistics? Memory { get; init; }

    /// <summary>Memory fault log.</summary>
    public IMemoryFaultLog? MemoryFaults { get; init; }

    /// <summary>Memory mappings of running processes (Linux /proc/PID/maps).</summary>
    public IMemoryMappings? MemoryMappings { get; init; }

    /// <summary>Where the detection policy tells the board which processes it monitors.</summary>
    public IProcessWatch? ProcessWatch { get; init; }

    /// <summary>Interface counters.</summary>
    public INetworkCounters? NetworkCounters { get; init; }

    /// <summary>Current peers.</summary>
    public INetworkPeers? NetworkPeers { get; init; }

    /// <summary>Firewall drops.</summary>
    public IFirewallLog? Firewall { get; init; }

    /// <summary>Packet counters of the firewall's named rules (Linux nftables).</summary>
    public IFirewallCounters? FirewallCounters { get; init; }

    /// <summary>IPC attachments and privileged capability uses.</summary>
    public ISecurityPolicyLog? SecurityPolicy { get; init; }

    /// <summary>Key store / secure element.</summary>
    public IKeyStore? KeyStore { get; init; }

    /// <summary>Tamper sensor of the secure element.</summary>
    public ITamperSensor? Tamper { get; init; }

    /// <summary>Reset reason and crash log.</summary>
    public IResetInfo? Reset { get; init; }

    /// <summary>Hardware inventory.</summary>
    public IHardwareInventory? HardwareInventory { get; init; }

    /// <summary>Software inventory.</summary>
    public ISoftwareInventory? SoftwareInventory { get; init; }

    /// <summary>Position source.</summary>
    public IPositionSource? Position { get; init; }

    /// <summary>V2X radio link.</summary>
    public IRadioLink? Radio { get; init; }

    /// <summary>In-vehicle CAN bus.</summary>
    public ICanBus? Can { get; init; }

    /// <summary>Visual and audible alerts.</summary>
    public IAlertOutput? Alerts { get; init; }

    /// <summary>The installed, sealed deployment's files (a Linux OBU; null on boards whose code is in flash images).</summary>
    public IFileTree? Deployment { get; init; }

    /// <summary>The kernel's file measurements (Linux IMA; null when the kernel exposes none).</summary>
    public IFileMeasurementLog? FileMeasurements { get; init; }
}
