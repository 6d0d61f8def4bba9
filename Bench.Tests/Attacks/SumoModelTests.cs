using System.Text.Json;
using System.Text.Json.Nodes;
using static Bench.Tests.Scenarios.ScenarioFiles;

namespace Bench.Tests.Attacks;

/// <summary>
/// A compromised IDF model in the SUMO bench, end to end through <c>Bench scenario FILE</c> with a real sumo: the urban
/// junction at pacing 4, 2 s scans, keys in memory, no hub. Vehicles 0 to 3 and 20 run "IntegrityGuard 0.9", vehicles 4 and 5
/// the default model. With the exploit at 10 s on 3 of the model's OBUs on the air (the authority's implementation
/// threshold; vehicles 0 to 2 depart by 3 s, a margin for a slow start under load) the model is revoked, the default
/// model's OBUs refuse its stations as Revoked after their CRL refresh (10 s) or the stations fall silent (each retires its
/// own revoked tickets at its own refresh), vehicle 20's OBU (departing at 30 s, well after the revocation) is refused by
/// the PKI, and the default model's OBUs are untouched. With the exploit at 2 s only
/// vehicles 0 and 1 have departed (at most 2 of the model on the air): the run says so and <c>model-revoked</c> fails.
/// </summary>
[Collection(AttackRunCollection.Name)]
public class SumoModelTests
{
    [Theory]
    [InlineData(10, true)]
    [InlineData(2, false)]
    public async Task A_compromised_model_in_SUMO_is_revoked_model_wide_and_refused_only_when_enough_of_its_OBUs_are_on_the_air(int at, bool revoked)
    {
        var file = Write(SumoWith(r =>
        {
            r["name"] = "urban-model";
            r["mobility"]!["maxObus"] = 7;
            r["duration"] = revoked ? 40 : 12;
            r["pacing"] = 4;
            r["scanPeriod"] = 2;
            r["hub"] = false;
            r.Remove("radio");
            foreach (var id in new[] { "0", "1", "2", "3", "20" })
            {
                Vehicles(r).Add(new JsonObject { ["id"] = id, ["equipment"] = "idf", ["idf"] = "IntegrityGuard 0.9" });
            }

            foreach (var id in new[] { "4", "5" })
            {
                Vehicles(r).Add(new JsonObject { ["id"] = id, ["equipment"] = "idf" });
            }

            AttackList(r).Add(new JsonObject { ["kind"] = "compromised-idf-model", ["model"] = "IntegrityGuard 0.9", ["count"] = 3, ["at"] = at });
            r["expectations"] = new JsonObject { ["checks"] = new JsonArray("obus-started", "rejections-only-unknown-signer", "model-revoked", "other-models-unaffected", "no-genuine-reported") };
        }, Urban));

        var (code, text, error, folder) = await RunAsync(file, Environment.GetEnvironmentVariable);

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "summary.json")));
        var attack = summary.RootElement.GetProperty("attacks").EnumerateArray().Single(a => a.GetProperty("attack").GetString() == "compromised-idf-model");
        var m = attack.GetProperty("model");
        if (revoked)
        {
            Assert.True(code == 0, $"exit {code}\n{error}\n{text}");
            Assert.Contains("scenario urban-model passed: 5 of 5 expectations held", text, StringComparison.Ordinal);
            Assert.Matches(@"compromised IDF model: a vulnerability of IntegrityGuard 0.9 exploited at 10\.\d s on obu-\d+ \(vehicle 0\), obu-\d+ \(vehicle 1\), obu-\d+ \(vehicle 2\)", text);
            Assert.Matches(@"compromised IDF model: obu-\d+ in vehicle 20 .* refused by the PKI, its model revoked", text);
            Assert.Contains("[pass] model-revoked: compromised IDF model: IntegrityGuard 0.9, exploited on 3 OBU(s)", text, StringComparison.Ordinal);
            Assert.Contains("[pass] other-models-unaffected: ", text, StringComparison.Ordinal);
            Assert.Contains("the compromised model's stations (", text, StringComparison.Ordinal);
            Assert.Equal(3, m.GetProperty("exploited").GetArrayLength());
            Assert.True(m.GetProperty("revokedAfterMs").GetDouble() >= m.GetProperty("thresholdReportAfterMs").GetDouble(), text);
            // Each of the model's four stations is refused as Revoked by an OBU of the default model, or silent once it found its own
            // tickets on the CRL (which of the two comes first depends on whose CRL refresh comes first).
            Assert.Matches(@"exploited: obu-\d+ (refused as Revoked|silent \(retired its tickets\)), obu-\d+ (refused as Revoked|silent \(retired its tickets\)), obu-\d+ (refused as Revoked|silent \(retired its tickets\)); untouched: obu-\d+ (refused as Revoked|silent \(retired its tickets\)); 1 departing later refused by the PKI", text);
            Assert.Equal(0, m.GetProperty("acceptedAfterBound").GetInt64());
            Assert.Equal(1, m.GetProperty("lateRefused").GetInt32());
            // The model's stations registered by the revocation: vehicles 0 to 3 (vehicle 20 departs later).
            Assert.Equal(4, m.GetProperty("stationsRevoked").GetInt32());
        }
        else
        {
            Assert.Equal(1, code);
            Assert.Matches(@"compromised IDF model: only [0-2] OBU\(s\) of IntegrityGuard 0.9 on the air at 2\.\d s, 3 to exploit", text);
            Assert.Contains("[FAIL] model-revoked: compromised IDF model: IntegrityGuard 0.9", text, StringComparison.Ordinal);
            Assert.InRange(m.GetProperty("exploited").GetArrayLength(), 0, 2);
            Assert.False(m.TryGetProperty("revokedAfterMs", out _), text);
        }
    }
}
