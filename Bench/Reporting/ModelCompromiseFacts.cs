using Firmware.Application.Provisioning;

namespace Bench.Reporting;

/// <summary>
/// What a run with a compromised IDF model recorded besides the ledger (Bench/Demo, <c>BenchDemo.Model</c>): the model and
/// its OBUs, the exploit, the own reports the misbehaviour authority counted, its model-wide revocation, each OBU's CRL
/// refreshes and what each found when its own certificates were on a CRL (patent ¶167).
/// </summary>
/// <param name="Model">The model, "product version".</param>
/// <param name="Exploited">The OBUs the vulnerability was exploited on.</param>
/// <param name="ModelObus">Every OBU running the model (the exploited ones and the untouched ones).</param>
/// <param name="OtherObus">The OBUs of other models.</param>
/// <param name="SelfRevoked">An OBU of another model revoked on its own compromise report (the demo's tampered-firmware tamper), or null: not expected to stay accepted.</param>
/// <param name="ExploitedAt">When the exploit happened.</param>
/// <param name="Bound">The longest the model's revocation may take from the exploit to every receiver (<c>DemoOptions.ModelRevokedWithin</c>).</param>
/// <param name="Threshold">The authority's implementation threshold (distinct stations of one model).</param>
/// <param name="ReportedAt">Per station of the model, when the authority counted its first own anomaly or compromise report.</param>
/// <param name="RevokedAt">When the authority's global detection carried out the model-wide revocation, or null.</param>
/// <param name="Action">What the PKI did (the revocation request's action), or null.</param>
/// <param name="OtherRevocations">Model-wide revocation requests of any other model ("target state"; must be none).</param>
/// <param name="HoldsCrl">Per OBU, when it first held a CRL listing the model's tickets (the CRL refresh that brought it completed), if it did.</param>
/// <param name="Own">Per OBU, the first time it found its own certificates on a CRL, and what it found and got.</param>
public sealed record ModelCompromiseFacts(
    string Model,
    IReadOnlyList<string> Exploited,
    IReadOnlyList<string> ModelObus,
    IReadOnlyList<string> OtherObus,
    string? SelfRevoked,
    DateTimeOffset ExploitedAt,
    TimeSpan Bound,
    int Threshold,
    IReadOnlyDictionary<string, DateTimeOffset> ReportedAt,
    DateTimeOffset? RevokedAt,
    string? Action,
    IReadOnlyList<string> OtherRevocations,
    IReadOnlyDictionary<string, DateTimeOffset> HoldsCrl,
    IReadOnlyDictionary<string, (DateTimeOffset At, OwnRevocation Found)> Own);
