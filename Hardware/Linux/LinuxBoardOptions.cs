using Hardware.Positioning;
using Hardware.Radio;
using Hardware.Random;
using Hardware.Security;

namespace Hardware.Linux;

/// <summary>What the Linux board reads and where.</summary>
public sealed record LinuxBoardOptions
{
    /// <summary>The clock (TimeProvider.System in a vehicle).</summary>
    public required TimeProvider Time { get; init; }

    /// <summary>Directory of the durable records (counters, minimum versions).</summary>
    public required string StorageDirectory { get; init; }

    /// <summary>Random source (default: the OS CSPRNG).</summary>
    public IRandomSource Random { get; init; } = SystemRandomSource.Instance;

    /// <summary>procfs root.</summary>
    public string ProcRoot { get; init; } = "/proc";

    /// <summary>sysfs root.</summary>
    public string SysRoot { get; init; } = "/sys";

    /// <summary>A flashed image file with an ESP32-style partition table (optional).</summary>
    public string? FlashImagePath { get; init; }

    /// <summary>Component name to file, for the software inventory (for example the secure partition's executable).</summary>
    public IReadOnlyDictionary<string, string>? ImageFiles { get; init; }

    /// <summary>
    /// Root of the installed, sealed deployment (secure/, app/, seal/; an A/B installation's "current"
    /// link, resolved once at start). Null: the board has no deployment to measure.
    /// </summary>
    public string? DeploymentRoot { get; init; }

    /// <summary>The kernel's IMA measurement list (read only when the file exists).</summary>
    public string ImaLogPath { get; init; } = ImaMeasurementLog.DefaultPath;

    /// <summary>Key store (a <see cref="Pkcs11KeyStore"/> in a vehicle).</summary>
    public IKeyStore? KeyStore { get; init; }

    /// <summary>Position source (a <see cref="GpsdClient"/> or an NMEA stream).</summary>
    public IPositionSource? Position { get; init; }

    /// <summary>Radio link.</summary>
    public IRadioLink? Radio { get; init; }

    /// <summary>
    /// The nftables table whose named rule counters the firewall check reads ("FAMILY NAME", for example
    /// "inet obu"); null: no firewall counters.
    /// </summary>
    public string? FirewallTable { get; init; }

    /// <summary>The named network namespace the firewall table lives in (null: the board's own).</summary>
    public string? FirewallNamespace { get; init; }

    /// <summary>
    /// Whether to follow process ends through the kernel's process events (needs CAP_NET_ADMIN; see
    /// <see cref="ProcessExitLog"/>). Default true; where the kernel refuses, the board says why in
    /// <see cref="LinuxBoard.ProcessEventsProblem"/> and has no crash or memory-fault log.
    /// </summary>
    public bool ProcessEvents { get; init; } = true;
}
