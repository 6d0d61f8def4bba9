namespace Bench.Reporting;

/// <summary>
/// The ghost vehicle's run (issue 14, Build 8; Docs/misbehaviour.md): its false CAMs, the reports about it the
/// misbehaviour authority counted and who sent them, its revocation there, each OBU's findings about it and first
/// rejection of its frames as Revoked; and the other side: findings, reports and revocations about genuine stations
/// (each must be none).
/// </summary>
/// <param name="Ghost">Its station id.</param>
/// <param name="Sent">False CAMs sent.</param>
/// <param name="FirstSentAt">Its first false CAM, or null.</param>
/// <param name="Reports">Observation reports about it the authority counted.</param>
/// <param name="Reporters">The stations whose observation reports about it the authority counted.</param>
/// <param name="RevokedAt">When the authority revoked its station, or null.</param>
/// <param name="GenuineReported">Observation reports the authority counted about any other station ("station ×n").</param>
/// <param name="GenuineRevoked">Revocation requests of the authority about any other station or a model ("scope target state").</param>
/// <param name="AtReceivers">Per OBU: accepted frames, findings, the first Revoked rejection (ms after the first false CAM), frames accepted after it.</param>
public sealed record GhostSummary(string Ghost, long Sent, DateTimeOffset? FirstSentAt, int Reports, IReadOnlyList<string> Reporters, DateTimeOffset? RevokedAt,
    IReadOnlyList<string> GenuineReported, IReadOnlyList<string> GenuineRevoked, IReadOnlyList<GhostAtReceiver> AtReceivers)
{
    /// <summary>Milliseconds from its first false CAM to its revocation at the authority, or null.</summary>
    public double? RevokedAfterMs => FirstSentAt is { } f && RevokedAt is { } r ? Math.Round((r - f).TotalMilliseconds) : null;

    /// <summary>The receivers' local findings about any sender other than the ghost (each must be none).</summary>
    public IReadOnlyList<FindingEntry> GenuineFindings { get; init; } = [];
}
