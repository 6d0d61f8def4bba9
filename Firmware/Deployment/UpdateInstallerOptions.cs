using Firmware.SecurePartition.Boot;
using Hardware.Storage;

namespace Firmware.Deployment;

/// <summary>Where and against what an update is installed.</summary>
public sealed record UpdateInstallerOptions
{
    /// <summary>The A/B installation root: slots/a, slots/b and the link current (the secure partition's Deployment:Root is ROOT/current).</summary>
    public required string InstallRoot { get; init; }

    /// <summary>The secure partition's durable store (anti-rollback state; the pending-update record goes there).</summary>
    public required IDurableStore Store { get; init; }

    /// <summary>The ROM's pinned OEM key.</summary>
    public required BootRom Rom { get; init; }

    /// <summary>Clock (the record's install time).</summary>
    public required TimeProvider Time { get; init; }

    /// <summary>Called after each step (fault injection for the crash tests: the `update` command's Update:PauseAt stops there until killed).</summary>
    public Action<InstallStep>? AfterStep { get; init; }
}
