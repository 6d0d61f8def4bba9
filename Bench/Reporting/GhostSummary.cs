namespace Bench.Reporting;

/// <summary>
/// The ghost vehicle's run (issue 14, Build 8; Docs/misbehaviour.md): its false CAMs, the reports about it the
/// misbehaviour authority counted, its revocation there, and each OBU's first rejection of its frames as Revoked.
/// </summary>
/// <param name="Ghost">Its station id.</param>
/// <param name="Sent">False CAMs sent.</param>
/// <param name="FirstSentAt">Its first false CAM, or null.</param>
/// <param name="Reports">Observation reports about it the authority counted.</param>
/// <param name="RevokedAt">When the authority revoked its station, or null.</param>
/// <param name="AtReceivers">Per OBU: accepted frames, the first Revoked rejection (ms after the first false CAM), frames accepted after it.</param>
public sealed record GhostSummary(string Ghost, long Sent, DateTimeOffset? FirstSentAt, int Reports, DateTimeOffset? RevokedAt, IReadOnlyList<GhostAtReceiver> AtReceivers)
{
    /// <summary>Milliseconds from its first false CAM to its revocation at the authority, or null.</summary>
    public double? RevokedAfterMs => FirstSentAt is { } f && RevokedAt is { } r ? Math.Round((r - f).TotalMilliseconds) : null;
}
