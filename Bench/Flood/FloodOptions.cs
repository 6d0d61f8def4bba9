using Firmware.Application.Receiving;

namespace Bench.Flood;

/// <summary>What the flood bench sends at one receiver (issue 10): genuine traffic plus the attacks, and how it runs.</summary>
internal sealed record FloodOptions
{
    /// <summary>How long the flood lasts (after the warm-up).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Genuine traffic alone first, so the neighbours are verified (cached) when the flood begins.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Neighbours sending CAMs.</summary>
    public int Neighbours { get; init; } = 50;

    /// <summary>Each neighbour's CAM rate (EN 302 637-2: at most 10 Hz).</summary>
    public double CamHz { get; init; } = 10;

    /// <summary>Forged frames per second under cached neighbours' digests.</summary>
    public double ForgedPerSecond { get; init; } = 10_000;

    /// <summary>How many neighbours the forgeries impersonate (round-robin).</summary>
    public int Victims { get; init; } = 1;

    /// <summary>Frames per second carrying valid tickets the receiver never saw, signed by another key.</summary>
    public double UncachedPerSecond { get; init; } = 1_500;

    /// <summary>How many such tickets the attacker collected.</summary>
    public int UncachedTickets { get; init; } = 150;

    /// <summary>Share of the genuine frames sent again as exact replays (0..1).</summary>
    public double ReplayShare { get; init; } = 1.0;

    /// <summary>How long after the original a replay is sent.</summary>
    public TimeSpan ReplayDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Frames per second under random, never-repeated signer digests.</summary>
    public double RandomDigestsPerSecond { get; init; }

    /// <summary>Receive workers; null for one per core.</summary>
    public int? Workers { get; init; }

    /// <summary>The runs: one per verify-on-demand mode, same traffic.</summary>
    public IReadOnlyList<VerifyOnDemandMode> Modes { get; init; } = [VerifyOnDemandMode.Off, VerifyOnDemandMode.UnderLoad];

    /// <summary>Seed of the traffic's choices.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>A genuine frame counts as decided in time within this of its arrival.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A count or rate out of range.</exception>
    public void Validate()
    {
        if (Duration <= TimeSpan.Zero || Duration > TimeSpan.FromMinutes(10) || Warmup < TimeSpan.Zero || Neighbours is < 1 or > 10_000 || CamHz is <= 0 or > 100
            || ForgedPerSecond is < 0 or > 1_000_000 || Victims < 1 || Victims > Neighbours || UncachedPerSecond is < 0 or > 1_000_000 || UncachedTickets < 1
            || ReplayShare is < 0 or > 1 || ReplayDelay < TimeSpan.Zero || RandomDigestsPerSecond is < 0 or > 100_000 || Workers is < 1 || Modes.Count == 0)
        {
            throw new ArgumentException("Flood options out of range (see the usage).");
        }
    }
}
