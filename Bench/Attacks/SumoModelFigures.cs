namespace Bench.Attacks;

/// <summary>
/// A compromised IDF model in a SUMO run (<c>compromised-idf-model</c>; Bench/Attacks/SumoAttackRun.ModelCheck.cs): times in
/// ms from the exploit.
/// </summary>
/// <param name="Model">The model, "product version".</param>
/// <param name="Exploited">The OBUs it was exploited on.</param>
/// <param name="OnAirAtExploit">The model's OBUs on the air at the exploit.</param>
/// <param name="Stations">Every OBU of the model built in the run (the exploited, the untouched, and the late ones refused).</param>
/// <param name="ThresholdReportAfterMs">The authority's report that reached its implementation threshold (null: never).</param>
/// <param name="RevokedAfterMs">The model-wide revocation by the authority's global detection (null: not revoked).</param>
/// <param name="LastRefusedAfterMs">The first rejection as Revoked at the last receiver of another model that decided a frame of the model after the bound (null: none did, or one never refused it).</param>
/// <param name="StationsRevoked">Stations the PKI revoked with the model (its action), or null.</param>
/// <param name="TicketsRevoked">Authorization tickets the PKI revoked with the model, or null.</param>
/// <param name="RefusedAsRevoked">Frames of the model's stations refused as Revoked by receivers of other models.</param>
/// <param name="AcceptedAfterBound">Frames of the model's stations accepted by receivers of other models later than the bound (a CRL refresh period and a second after the revocation; must be none).</param>
/// <param name="LateRefused">OBUs of the model whose vehicles departed after the revocation, refused their enrolment or ticket by the PKI.</param>
public sealed record SumoModelFigures(string Model, IReadOnlyList<string> Exploited, int OnAirAtExploit, int Stations, double? ThresholdReportAfterMs, double? RevokedAfterMs,
    double? LastRefusedAfterMs, int? StationsRevoked, int? TicketsRevoked, long RefusedAsRevoked, long AcceptedAfterBound, int LateRefused);
