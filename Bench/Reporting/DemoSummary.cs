using Firmware.Application.Eebl;

namespace Bench.Reporting;

/// <summary>
/// What a demo run showed (written as summary.txt and summary.json): decisions per receiver, sender and phase,
/// the detection delay at each receiver, the replays and their fate, the legacy station's path, the EEBL
/// brake responses, the pcaps, and the demo's own expectations with their verdicts.
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

    /// <summary>The demo's own checks.</summary>
    public required IReadOnlyList<Expectation> Expectations { get; init; }

    /// <summary>True when every expectation held.</summary>
    public bool Passed => Expectations.All(e => e.Passed);
}

/// <summary>How the run was set up and when its phases were.</summary>
public sealed record RunInfo(
    DateTimeOffset StartedAt,
    DateTimeOffset TamperedAt,
    DateTimeOffset EndedAt,
    int Obus,
    int Seed,
    string TamperedObu,
    double ScanPeriodSeconds,
    double DetectionPeriodSeconds,
    string KeyStore,
    string PkiFolder,
    string PkiAddress,
    string RadioGroup,
    int RadioPort,
    string OutputDirectory,
    double? TamperedReportAfterMs);

/// <summary>One receiver's decisions about one sender in one phase.</summary>
public sealed record SummaryCell(
    string Receiver,
    string Sender,
    SenderKind Kind,
    DemoPhase Phase,
    int Frames,
    int Act,
    int ActWithCaution,
    int PrepareOnly,
    int Discard,
    int Rejected,
    IReadOnlyDictionary<string, int> Rows,
    IReadOnlyDictionary<string, int> RejectReasons);

/// <summary>The tampered OBU at one receiver: the first mitigation decision and how long after the tamper it came.</summary>
public sealed record DetectionDelay(string Receiver, DateTimeOffset? FirstMitigationAt, double? DelayMs, string? Decision, string? Row, int ActAfterMitigation);

/// <summary>The attacker's replays.</summary>
public sealed record ReplaySummary(long Heard, long ExactSent, long AlteredSent, IReadOnlyList<ReplaysAtReceiver> AtReceivers);

/// <summary>One kind of replay at one receiver.</summary>
public sealed record ReplaysAtReceiver(string Receiver, SenderKind Kind, int Received, int Rejected, int Accepted, IReadOnlyDictionary<string, int> Reasons);

/// <summary>The legacy station at one receiver.</summary>
public sealed record LegacyAtReceiver(string Receiver, int Accepted, int Rejected, IReadOnlyDictionary<string, int> Rows, IReadOnlyDictionary<string, int> Decisions);

/// <summary>Brake responses of one receiver to one sender in one phase.</summary>
public sealed record BrakeCount(string Receiver, string Sender, DemoPhase Phase, BrakeResponse Response, int Count);

/// <summary>What one station sent.</summary>
public sealed record StationSent(string Station, long Transmitted, long Withheld, long DenmTriggers);

/// <summary>A node's pcap.</summary>
public sealed record PcapFile(string Node, string Path);

/// <summary>One of the demo's own checks.</summary>
public sealed record Expectation(string Name, bool Passed, string Detail);
