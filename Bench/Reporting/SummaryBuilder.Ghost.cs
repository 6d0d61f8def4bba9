using System.Globalization;
using Firmware.Application.Receiving;

namespace Bench.Reporting;

/// <summary>The ghost phase of the summary (issue 14, Build 8; Docs/misbehaviour.md, "The demo's ghost").</summary>
public static partial class SummaryBuilder
{
    // Each OBU's frames from the ghost and its findings about it (times from the first false CAM): accepted frames, the first
    // finding, the first Revoked rejection, acceptances after it; and every finding about another sender.
    internal static GhostSummary GhostAt(IReadOnlyList<LedgerEntry> entries, IReadOnlyList<FindingEntry> findings, IReadOnlyList<string> obus, GhostSummary ghost)
    {
        double? After(DateTimeOffset? at) => at is { } a && ghost.FirstSentAt is { } first ? Math.Round((a - first).TotalMilliseconds) : null;
        var at = obus.Select(r =>
        {
            var mine = entries.Where(e => e.Receiver == r && e.Kind == SenderKind.Ghost).OrderBy(e => e.DecidedAt).ToList();
            var found = findings.Where(f => f.Receiver == r && f.Kind == SenderKind.Ghost).OrderBy(f => f.At).ToList();
            var revoked = mine.FirstOrDefault(e => e.Outcome == ReceiveOutcome.Rejected && e.Reason == ReceiveReason.Revoked);
            return new GhostAtReceiver(r, mine.Count(e => e.Outcome == ReceiveOutcome.Accepted), Histogram.Of(found.Select(f => f.Observation)),
                After(found.FirstOrDefault()?.At), After(revoked?.DecidedAt),
                revoked is null ? 0 : mine.Count(e => e.DecidedAt > revoked.DecidedAt && e.Outcome == ReceiveOutcome.Accepted));
        }).ToList();
        return ghost with { AtReceivers = at, GenuineFindings = [.. findings.Where(f => f.Kind != SenderKind.Ghost).OrderBy(f => f.At)] };
    }

    // Reported by every OBU that heard it, counted and revoked by the authority through the PKI's CRLs (ETSI TS 102 941
    // v1.4.1 §6.3.3), then rejected as Revoked at every OBU (the ticket of ETSI TS 103 097 v2.1.1 §7.2.1 on a CRL the receiver
    // holds: IEEE 1609.2 certificate validity) and never accepted again; and nobody else found, reported or revoked.
    private static IEnumerable<Expectation> GhostExpectations(GhostSummary ghost, IReadOnlyList<string> obus)
    {
        var c = CultureInfo.InvariantCulture;
        var heard = ghost.AtReceivers.Where(r => r.Accepted > 0).Select(r => r.Receiver).ToList();
        var unreported = heard.Where(r => !ghost.Reporters.Contains(r, StringComparer.Ordinal)).ToList();
        var missing = ghost.AtReceivers.Where(r => r.FirstRevokedAfterMs is null || r.AcceptedAfterRevoked > 0).ToList();
        var passed = ghost.RevokedAt is not null && ghost.AtReceivers.Count == obus.Count && heard.Count == obus.Count && unreported.Count == 0 && missing.Count == 0;
        yield return new Expectation($"{ghost.Ghost} (false CAMs at {Stations.GhostStation.ClaimedSpeed:0} m/s) is reported by every OBU, revoked by the misbehaviour authority, then rejected as Revoked by every OBU", passed,
            heard.Count < obus.Count
                ? "not heard (no frame accepted before the revocation) at: " + string.Join(", ", obus.Except(heard, StringComparer.Ordinal))
                : unreported.Count > 0
                    ? string.Create(c, $"no report counted from: {string.Join(", ", unreported)} ({ghost.Reports} counted)")
                    : ghost.RevokedAt is null
                        ? string.Create(c, $"not revoked: {ghost.Reports} report(s) counted, {ghost.Sent} CAMs sent")
                        : missing.Count > 0
                            ? "not rejected as Revoked (or accepted again) at: " + string.Join(", ", missing.Select(m => $"{m.Receiver} ({m.AcceptedAfterRevoked} accepted after)"))
                            : string.Create(c, $"{ghost.Reports} reports from {string.Join(", ", ghost.Reporters)}; revoked {ghost.RevokedAfterMs:0} ms after its first false CAM; first Revoked at {string.Join(", ", ghost.AtReceivers.Select(r => $"{r.Receiver} {r.FirstRevokedAfterMs:0} ms"))}"));

        var clean = ghost.GenuineFindings.Count == 0 && ghost.GenuineReported.Count == 0 && ghost.GenuineRevoked.Count == 0;
        yield return new Expectation("no genuine station is found by the receivers' misbehaviour detection, reported or revoked", clean,
            clean
                ? "no finding, no observation report and no revocation request about any station but the ghost"
                : string.Join("; ", new[]
                {
                    ghost.GenuineFindings.Count == 0 ? null : string.Create(c, $"findings: {string.Join(", ", ghost.GenuineFindings.Take(8).Select(f => $"{f.Receiver} about {f.Subject} {f.Observation} ({f.Detail})"))}{(ghost.GenuineFindings.Count > 8 ? $" and {ghost.GenuineFindings.Count - 8} more" : "")}"),
                    ghost.GenuineReported.Count == 0 ? null : "reported: " + string.Join(", ", ghost.GenuineReported),
                    ghost.GenuineRevoked.Count == 0 ? null : "revocation requests: " + string.Join(", ", ghost.GenuineRevoked),
                }.Where(x => x is not null)));
    }
}
