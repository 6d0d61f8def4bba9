namespace Bench.Reporting;

/// <summary>
/// The posture phase (issue 14, Build 8; Docs/posture.md): the advisory the posture server published half-way, the OBU it
/// applies to (the one that had not updated the library), when that OBU's poll first answered critical, and each receiver's
/// decisions about its messages before and after its reports carried the critical grade.
/// </summary>
/// <param name="Obu">The OBU whose posture turns critical.</param>
/// <param name="Installed">What it runs that the advisory is about.</param>
/// <param name="Advisory">The weaknesses the server stored ("id component base score").</param>
/// <param name="PublishedAt">When the server stored them, or null.</param>
/// <param name="CriticalPolledAt">When the OBU's poll first answered with a critical posture, or null.</param>
/// <param name="DetectionPeriodMs">The bound on advisory to receiver decision (poll period + 1 s for the poll + T_GenCamMax).</param>
/// <param name="AtReceivers">Per receiver: the first frame with the critical grade and what followed.</param>
public sealed record PostureSummary(string Obu, string Installed, IReadOnlyList<string> Advisory, DateTimeOffset? PublishedAt, DateTimeOffset? CriticalPolledAt,
    double DetectionPeriodMs, IReadOnlyList<PostureAtReceiver> AtReceivers)
{
    /// <summary>Milliseconds from the advisory to the OBU's first critical poll, or null.</summary>
    public double? CriticalPollAfterMs => PublishedAt is { } p && CriticalPolledAt is { } c ? Math.Round((c - p).TotalMilliseconds) : null;

    /// <summary>Frames of any other OBU whose report carried a critical grade or whose decision the posture rule lowered ("receiver←sender ×n"; expected none).</summary>
    public IReadOnlyList<string> Others { get; init; } = [];
}
