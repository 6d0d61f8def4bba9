namespace Bench.Scenarios.Files;

/// <summary>
/// The stable ids a scenario file names the run's own checks by, each with how the check's name in the run's summary
/// reads (<c>Bench.Reporting.SummaryBuilder</c>, <c>Bench.Mobility.SumoBench</c>), and the flood bench's.
/// </summary>
public static class ExpectationIds
{
    /// <summary>The built-in route demo's checks (Docs/bench.md, "The summary", expectations 1 to 10).</summary>
    public static IReadOnlyDictionary<string, Func<string, bool>> Route { get; } = new Dictionary<string, Func<string, bool>>(StringComparer.Ordinal)
    {
        ["clean-phase-acts"] = n => n.StartsWith("clean phase: every OBU acts", StringComparison.Ordinal),
        ["tamper-detected"] = n => n.StartsWith("tampered phase: ", StringComparison.Ordinal) && n.Contains("move from Act to a mitigation", StringComparison.Ordinal),
        ["firmware-tamper-detected"] = n => n.StartsWith("tampered phase: ", StringComparison.Ordinal) && n.Contains("move from Act to Discard", StringComparison.Ordinal),
        ["others-still-acted-on"] = n => n.StartsWith("tampered phase: the untampered OBUs are still acted on", StringComparison.Ordinal),
        ["replays-rejected"] = n => n.StartsWith("every replayed frame is rejected", StringComparison.Ordinal),
        ["legacy-conventional"] = n => n.EndsWith("frames take the legacy (conventional) path", StringComparison.Ordinal),
        ["eebl-delivered"] = n => n.StartsWith("every OBU's EEBL DENM reaches every other OBU", StringComparison.Ordinal),
        ["hub-holds-summary"] = n => n.StartsWith("the hub holds ", StringComparison.Ordinal),
        ["posture-mitigated"] = n => n.StartsWith("posture: ", StringComparison.Ordinal) && n.Contains("every receiver acts on it with caution", StringComparison.Ordinal),
        ["ghost-revoked"] = n => n.Contains("is reported by every OBU, revoked by the misbehaviour authority, then rejected as Revoked by every OBU", StringComparison.Ordinal),
        ["no-genuine-reported"] = n => n.StartsWith("no genuine station is found by the receivers' misbehaviour detection", StringComparison.Ordinal),
        ["reflection-refused"] = n => n.StartsWith("reflected frames are refused", StringComparison.Ordinal),
        ["model-revoked"] = n => n.StartsWith("compromised IDF model: ", StringComparison.Ordinal) && n.Contains("revoked model-wide", StringComparison.Ordinal),
        ["other-models-unaffected"] = n => n.StartsWith("compromised IDF model: the OBUs of the other model", StringComparison.Ordinal),
    };

    /// <summary>The SUMO bench's checks (Docs/bench.md, "SUMO mobility").</summary>
    public static IReadOnlyDictionary<string, Func<string, bool>> Sumo { get; } = new Dictionary<string, Func<string, bool>>(StringComparer.Ordinal)
    {
        ["vehicles-join-and-leave"] = n => n == "vehicles join and leave",
        ["obus-started"] = n => n == "every equipped vehicle's OBU started",
        ["obus-leave-with-vehicles"] = n => n == "OBUs leave with their vehicles",
        ["receivers-decide"] = n => n == "receivers decide the others' CAMs",
        ["rejections-only-unknown-signer"] = n => n == "OBUs' CAMs rejected only for an unknown signer",
        ["tamper-detected"] = n => n.StartsWith("tamper: ", StringComparison.Ordinal) && n.Contains("move from Act to a mitigation", StringComparison.Ordinal),
        ["firmware-tamper-detected"] = n => n.StartsWith("firmware tamper: ", StringComparison.Ordinal) && n.Contains("move from Act to Discard", StringComparison.Ordinal),
        ["legacy-conventional"] = n => n.EndsWith("frames take the legacy (conventional) path", StringComparison.Ordinal),
        ["replays-rejected"] = n => n.StartsWith("no replayed frame is accepted altered or twice", StringComparison.Ordinal),
        ["reflection-refused"] = n => n.StartsWith("reflected frames are refused", StringComparison.Ordinal),
        ["no-genuine-reported"] = n => n.StartsWith("no genuine station is found by the receivers' misbehaviour detection", StringComparison.Ordinal),
        ["ghost-revoked"] = n => n.StartsWith("ghost vehicle: ", StringComparison.Ordinal) && n.Contains("revoked by the misbehaviour authority, then rejected as Revoked", StringComparison.Ordinal),
        ["posture-mitigated"] = n => n.StartsWith("posture: ", StringComparison.Ordinal) && n.Contains("every receiver acts on it with caution", StringComparison.Ordinal),
        ["model-revoked"] = n => n.StartsWith("compromised IDF model: ", StringComparison.Ordinal) && n.Contains("revoked model-wide", StringComparison.Ordinal),
        ["other-models-unaffected"] = n => n.StartsWith("compromised IDF model: the OBUs of the other model", StringComparison.Ordinal),
        ["flood-refused"] = n => n.StartsWith("flood: ", StringComparison.Ordinal) && n.EndsWith("accept no flood frame after verifying it and no replay", StringComparison.Ordinal),
        ["flood-in-time"] = n => n.StartsWith("flood load: ", StringComparison.Ordinal),
    };

    /// <summary>The flood bench's check: no replay and no verified forgery accepted in any run.</summary>
    public const string FloodSecure = "flood-secure";

    /// <summary>The checks of a scenario with this mobility, and with floods or not (the flood bench's check: floods on the built-in route; SUMO's floods have <c>flood-refused</c> and <c>flood-in-time</c>).</summary>
    public static IEnumerable<string> For(MobilityKind mobility, bool flood) =>
        (mobility == MobilityKind.Route ? Route.Keys : Sumo.Keys).Concat(flood && mobility == MobilityKind.Route ? [FloodSecure] : []);
}
