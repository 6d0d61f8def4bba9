namespace Bench.Attacks;

/// <summary>
/// What one attack of a SUMO run did and what the receivers made of it. For the tamper: the receivers in range (those that
/// accepted a message of the tampered OBU within one detection period of the tamper) and the time from the tamper to each
/// one's first decision below Act (tampered firmware: its first Discard). For a replay or a reflection: the frames sent and, counted at every receiver, refused and accepted.
/// For the ghost vehicle: its CAMs sent (<c>Sent</c>), the receivers that heard it (<c>ReceiversInRange</c>), its frames refused and accepted, and <see cref="SumoGhostFigures"/>.
/// </summary>
/// <param name="Attack">The file's name of the attack (<c>rogue-process</c>, <c>tampered-firmware</c>, <c>replay</c>, <c>reflection</c>, <c>ghost-vehicle</c>, <c>posture-critical</c>, <c>forged-signature-flood</c>, <c>valid-ticket-flood</c>, <c>compromised-idf-model</c>).</param>
/// <param name="Vehicle">Its SUMO vehicle.</param>
/// <param name="Station">The tampered OBU (obu-N) or the attacker station; null when the attack found no station to act on.</param>
/// <param name="StartedAtSeconds">When it began, seconds of simulation from the run's start (null: it never did).</param>
/// <param name="ReceiversInRange">Tamper: receivers in range of the tampered OBU (posture: of the OBU whose posture turned critical; flood: of the flooder).</param>
/// <param name="DelaysMs">Tamper: each receiver in range's time from the tamper to its first mitigation decision (tampered firmware: Discard), ascending (a receiver that never did is not in it).</param>
/// <param name="ActedOnLate">Tamper: the tampered OBU's messages still decided Act (tampered firmware: anything but Discard) later than one detection period after the tamper.</param>
/// <param name="Sent">Replay: frames the attacker sent.</param>
/// <param name="Refused">Replay: its frames the receivers rejected.</param>
/// <param name="Accepted">Replay: its frames the receivers accepted.</param>
/// <param name="RefusedAsOwn">Reflection: its frames the victim refused as its own (<c>OwnMessage</c>).</param>
/// <param name="Relayed">Replay, reflection: of the accepted frames, exact copies of messages the receiver had missed (<see cref="AcceptedCopies"/>).</param>
/// <param name="Ghost">Ghost vehicle: what the receivers found and reported, the authority's revocation and the receivers' first Revoked (times from its first false CAM).</param>
/// <param name="Posture">Posture turning critical: the advisory, the OBU's critical poll and, per receiver in range (those that accepted its frames later than the detection period after the advisory), its first critical frame; <see cref="Reporting.PostureAtReceiver.ActAfter"/> counts its frames after the period not graded critical and acted on with caution by row P1.</param>
/// <param name="Flood">A flood: frames sent, the receivers in range of the flooder and their figures (<see cref="SumoFloodFigures"/>).</param>
/// <param name="Model">A compromised IDF model (<c>Vehicle</c> is the model's name, <c>Station</c> the exploited OBUs): the exploit, the revocation, the receivers' refusals (<see cref="SumoModelFigures"/>).</param>
public sealed record SumoAttackFigures(
    string Attack,
    string Vehicle,
    string? Station,
    double? StartedAtSeconds,
    int ReceiversInRange = 0,
    IReadOnlyList<double>? DelaysMs = null,
    int ActedOnLate = 0,
    long Sent = 0,
    long Refused = 0,
    long Accepted = 0,
    long RefusedAsOwn = 0,
    long Relayed = 0,
    SumoGhostFigures? Ghost = null,
    Reporting.PostureSummary? Posture = null,
    SumoFloodFigures? Flood = null,
    SumoModelFigures? Model = null)
{
    /// <summary>Tamper: the first, median and last receiver's delay, in ms (null: none downgraded).</summary>
    public (double First, double Median, double Last)? Delays => DelaysMs is { Count: > 0 } d ? (d[0], (d[(d.Count - 1) / 2] + d[d.Count / 2]) / 2, d[^1]) : null;
}
