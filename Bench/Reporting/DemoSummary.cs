namespace Bench.Reporting;

/// <summary>
/// What a demo run showed (written as summary.txt and summary.json): decisions per receiver, sender and phase,
/// the detection delay at each receiver, the replays and their fate, the legacy station's path, the EEBL
/// brake responses, the pcaps, what the sharing-community hub held, and the demo's own expectations with their verdicts.
/// </summary>
public sealed record DemoSummary
{
    /// <summary>How the run was set up.</summary>
    public required RunInfo Run { get; init; }

    /// <summary>Decisions per receiver, sender and phase.</summary>
    public required IReadOnlyList<SummaryCell> Decisions { get; init; }

    /// <summary>From the tamper to the first mitigation decision, at each receiver.</summary>
    public required IReadOnlyList<DetectionDelay> Detection { get; init; }

    /// <summary>The attacker's replays and what each receiver made of them.</summary>
    public required ReplaySummary Replays { get; init; }

    /// <summary>The legacy station's frames at each receiver.</summary>
    public required IReadOnlyList<LegacyAtReceiver> Legacy { get; init; }

    /// <summary>EEBL brake responses per receiver, sender and phase.</summary>
    public required IReadOnlyList<BrakeCount> Brakes { get; init; }

    /// <summary>What each station sent.</summary>
    public required IReadOnlyList<StationSent> Sent { get; init; }

    /// <summary>A pcap per node.</summary>
    public required IReadOnlyList<PcapFile> Pcaps { get; init; }

    /// <summary>What the sharing-community hub held at the end (null: run without the hub).</summary>
    public HubSummary? Hub { get; init; }

    /// <summary>The ghost vehicle's report, revocation and rejection (null: run without it).</summary>
    public GhostSummary? Ghost { get; init; }

    /// <summary>The posture phase: the OBU whose posture turns critical and the receivers' decisions (null: run without it).</summary>
    public PostureSummary? Posture { get; init; }

    /// <summary>A compromised IDF model and its model-wide revocation (null: run without it).</summary>
    public ModelCompromiseSummary? Model { get; init; }

    /// <summary>Phases of the demo this run did not hold, each with why (a part of a scenario spread over processes: the ghost and posture phases).</summary>
    public IReadOnlyList<string> NotRun { get; init; } = [];

    /// <summary>The demo's own checks.</summary>
    public required IReadOnlyList<Expectation> Expectations { get; init; }

    /// <summary>True when every expectation held.</summary>
    public bool Passed => Expectations.All(e => e.Passed);
}
