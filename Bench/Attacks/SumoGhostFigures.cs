namespace Bench.Attacks;

/// <summary>
/// The ghost vehicle of a SUMO run at the receivers and at the misbehaviour authority, each time in milliseconds from its
/// first false CAM (null: it never happened).
/// </summary>
/// <param name="Station">The ghost's station id at the EA.</param>
/// <param name="FoundBy">Receivers whose local misbehaviour detection found it.</param>
/// <param name="Reporters">Stations whose observation reports about it the authority counted.</param>
/// <param name="FirstFoundAfterMs">The first receiver's first finding about it.</param>
/// <param name="FirstReportAfterMs">The authority's first observation report about it.</param>
/// <param name="RevokedAfterMs">Its revocation by the authority's global detection.</param>
/// <param name="LastRefusedAfterMs">The first rejection as Revoked at the last receiver that heard it (null: a receiver that had to refuse it never did).</param>
/// <param name="RefusedAsRevoked">Its frames refused as Revoked, at every receiver.</param>
/// <param name="AcceptedAfterRefresh">Its frames accepted later than a CRL refresh period (and a CAM interval) after the revocation (must be none).</param>
public sealed record SumoGhostFigures(string Station, int FoundBy, int Reporters, double? FirstFoundAfterMs, double? FirstReportAfterMs, double? RevokedAfterMs,
    double? LastRefusedAfterMs, long RefusedAsRevoked, long AcceptedAfterRefresh);
