namespace Bench.Reporting;

/// <summary>
/// A compromised IDF model's run (issue 15; Docs/bench.md, "A compromised IDF model"): the exploit, the reports, the
/// model-wide revocation and what it revoked, each receiver of another model against each station of the model, and each
/// station of the model finding its own certificates on the CRL. Times are milliseconds after the exploit.
/// </summary>
/// <param name="Model">The model, "product version".</param>
/// <param name="Exploited">The OBUs it was exploited on.</param>
/// <param name="Untouched">The model's OBUs never exploited.</param>
/// <param name="Others">The OBUs of other models.</param>
/// <param name="ExploitedAt">When.</param>
/// <param name="BoundMs">The stated bound from the exploit to every receiver's rejection.</param>
/// <param name="ReportsAfterMs">Per station of the model, its first own report counted by the authority.</param>
/// <param name="ThresholdReportAfterMs">The report that reached the implementation threshold (the K-th distinct station's), or null.</param>
/// <param name="RevokedAfterMs">The model-wide revocation, or null.</param>
/// <param name="Action">What the PKI did, in its words.</param>
/// <param name="StationsRevoked">Stations the revocation covered (from the action), or null.</param>
/// <param name="TicketsRevoked">ATs put on the CRLs (from the action), or null.</param>
/// <param name="Pairs">Each receiver of another model against each station of the model.</param>
/// <param name="Own">Each station of the model: when it found its own certificates on a CRL, and what the PKI gave it then.</param>
/// <param name="OthersRejected">Frames of the other models' OBUs rejected as Revoked anywhere ("receiver←sender ×n"; must be none).</param>
/// <param name="OthersNotAccepted">Receiver←sender pairs of the other models with no frame accepted after the revocation reached the receiver (must be none).</param>
/// <param name="OthersOwnRevoked">OBUs of other models that found their own certificates on a CRL (must be none).</param>
/// <param name="OtherRevocations">Model-wide revocations of other models (must be none).</param>
public sealed record ModelCompromiseSummary(
    string Model,
    IReadOnlyList<string> Exploited,
    IReadOnlyList<string> Untouched,
    IReadOnlyList<string> Others,
    DateTimeOffset ExploitedAt,
    double BoundMs,
    IReadOnlyDictionary<string, double> ReportsAfterMs,
    double? ThresholdReportAfterMs,
    double? RevokedAfterMs,
    string? Action,
    int? StationsRevoked,
    int? TicketsRevoked,
    IReadOnlyList<ModelAtReceiver> Pairs,
    IReadOnlyList<ModelOwnRevocation> Own,
    IReadOnlyList<string> OthersRejected,
    IReadOnlyList<string> OthersNotAccepted,
    IReadOnlyList<string> OthersOwnRevoked,
    IReadOnlyList<string> OtherRevocations)
{
    /// <summary>The last receiver's first Revoked rejection of a station of the model, or null when none was rejected.</summary>
    public double? LastFirstRevokedAfterMs => Pairs.Where(p => p.FirstRevokedAfterMs is not null).Select(p => p.FirstRevokedAfterMs).Max();
}

/// <summary>One receiver of another model against one station of the compromised model.</summary>
/// <param name="Receiver">The receiving OBU.</param>
/// <param name="Sender">The station of the model.</param>
/// <param name="RefreshedAfterMs">The receiver's first CRL refresh after the revocation (ms after the exploit), or null.</param>
/// <param name="FirstRevokedAfterMs">The receiver's first rejection of the station's frame as Revoked, or null.</param>
/// <param name="HeardAfterRefresh">Frames of the station the receiver decided after that refresh.</param>
/// <param name="AcceptedAfterRefresh">Of them accepted (must be none).</param>
public sealed record ModelAtReceiver(string Receiver, string Sender, double? RefreshedAfterMs, double? FirstRevokedAfterMs, int HeardAfterRefresh, int AcceptedAfterRefresh)
{
    /// <summary>
    /// Rejected as Revoked, or silent from the receiver's refresh on because the station found its own tickets on the CRL
    /// first and stopped using them (patent ¶167): either way never accepted once the receiver held the CRL.
    /// </summary>
    public bool Silent => FirstRevokedAfterMs is null && RefreshedAfterMs is not null && HeardAfterRefresh == 0;
}

/// <summary>A station of the compromised model finding its own certificates on a CRL (patent ¶167).</summary>
/// <param name="Station">The OBU.</param>
/// <param name="NoticedAfterMs">When (ms after the exploit), or null: never.</param>
/// <param name="Retired">Its tickets retired.</param>
/// <param name="EnrolmentRevoked">Its enrolment credential was listed too.</param>
/// <param name="NewTicket">A ticket the PKI gave it when it asked again (must be none: the assessment is withdrawn, the version compromised).</param>
/// <param name="Refusal">The PKI's refusal.</param>
public sealed record ModelOwnRevocation(string Station, double? NoticedAfterMs, int Retired, bool EnrolmentRevoked, string? NewTicket, string? Refusal);
