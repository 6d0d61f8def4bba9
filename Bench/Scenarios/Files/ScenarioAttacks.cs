using System.Text.Json;

namespace Bench.Scenarios.Files;

/// <summary>Reads a scenario file's <c>attacks</c> and <c>expectations</c> (<see cref="ScenarioLoader"/>).</summary>
internal static class ScenarioAttacks
{
    private static readonly string[] AttackFields = ["kind", "at", "until", "target", "by", "rate", "victims", "tickets", "model", "count"];

    /// <summary>The attacks, or null when one could not be read (the errors say why).</summary>
    public static List<ScenarioAttack>? Read(JsonFields top, List<ScenarioError> errors)
    {
        if (top.Array("attacks", required: true, max: 100) is not { } items)
        {
            return null;
        }

        var attacks = new List<ScenarioAttack>();
        var complete = true;
        for (var i = 0; i < items.Count; i++)
        {
            var attack = ReadOne(items[i], $"{top.At("attacks")}[{i}]", errors);
            complete &= attack is not null;
            if (attack is not null)
            {
                attacks.Add(attack);
            }
        }

        return complete ? attacks : null;
    }

    private static ScenarioAttack? ReadOne(JsonElement item, string path, List<ScenarioError> errors)
    {
        if (JsonFields.Of(item, path, errors, AttackFields) is not { } a)
        {
            return null;
        }

        var name = a.Text("kind", required: true);
        AttackKind? kind = null;
        if (name is not null && AttackLibrary.Runnable.TryGetValue(name, out var known))
        {
            kind = known;
        }
        else if (name is not null)
        {
            var runnable = string.Join(", ", AttackLibrary.Runnable.Keys);
            a.Error("kind", AttackLibrary.NotBuilt.Contains(name, StringComparer.Ordinal) ? ScenarioErrorKind.AttackNotBuilt : ScenarioErrorKind.UnknownAttack,
                AttackLibrary.NotBuilt.Contains(name, StringComparer.Ordinal)
                    ? $"the attack '{name}' is not built in the bench yet (not built: {string.Join(", ", AttackLibrary.NotBuilt)}); the bench runs {runnable}"
                    : $"unknown attack '{JsonFields.Printable(name)}'; the bench runs {runnable} (not built yet: {string.Join(", ", AttackLibrary.NotBuilt)})");
        }

        var at = Time(a, "at", required: true);
        var until = Time(a, "until", required: false);
        var target = a.Text("target", required: false);
        var by = a.Text("by", required: false);
        var rate = a.Number("rate", required: false, 1, 1_000_000, "/s");
        var victims = a.Integer("victims", required: false, 1, 50);
        var tickets = a.Integer("tickets", required: false, 1, 10_000);
        var model = a.Text("model", required: false);
        var count = a.Integer("count", required: false, 1, 1000);
        if (kind is not { } k || at is null)
        {
            return null;
        }

        // Each kind takes its own fields: one given to another kind is a mistake in the file, not something to ignore.
        var allowed = k switch
        {
            AttackKind.RogueProcess or AttackKind.TamperedFirmware => new[] { "target" },
            AttackKind.Replay => ["by", "until"],
            AttackKind.ForgedSignatureFlood => ["until", "rate", "victims", "by"],
            AttackKind.GhostVehicle => ["by", "until"],
            AttackKind.PostureCritical => ["target"],
            AttackKind.Reflection => ["target", "until"],
            AttackKind.CompromisedIdfModel => ["model", "count"],
            _ => ["until", "rate", "tickets", "by"],
        };
        var misplaced = new[] { "until", "target", "by", "rate", "victims", "tickets", "model", "count" }.Where(f => a.Has(f) && !allowed.Contains(f)).ToList();
        foreach (var field in misplaced)
        {
            a.Error(field, ScenarioErrorKind.UnknownField, $"'{AttackLibrary.Name(k)}' has no '{field}' (it takes kind, at{string.Concat(allowed.Select(f => ", " + f))})");
        }

        if (k == AttackKind.CompromisedIdfModel)
        {
            foreach (var field in new[] { "model", "count" }.Where(f => !a.Has(f)))
            {
                a.Error(field, ScenarioErrorKind.MissingField, field == "model"
                    ? "'compromised-idf-model' names the exploited IDF model (\"product version\", as a vehicle's 'idf')"
                    : "'compromised-idf-model' says on how many of the model's OBUs it is exploited ('count')");
            }

            if (model is null || count is null)
            {
                return null;
            }
        }

        if (until is { } u && u <= at)
        {
            a.Error("until", ScenarioErrorKind.BadTime, $"the attack ends ({u.TotalSeconds} s) before or when it starts ({at.Value.TotalSeconds} s)");
            return null;
        }

        return misplaced.Count > 0 ? null : new ScenarioAttack { Kind = k, At = at.Value, Until = until, Target = target, By = by, Rate = rate, Victims = victims, Tickets = tickets, Model = model, Count = count };
    }

    // A time: seconds from the run's start, a number from 0 to an hour (the longest run).
    private static TimeSpan? Time(JsonFields a, string name, bool required)
    {
        if (a.Element(name, required) is not { } e)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out var seconds) || !double.IsFinite(seconds))
        {
            a.Error(name, ScenarioErrorKind.BadTime, $"a time is seconds from the run's start (a number), not {(e.ValueKind == JsonValueKind.String ? $"\"{JsonFields.Printable(e.GetString()!)}\"" : e.ValueKind.ToString().ToLowerInvariant())}");
            return null;
        }

        if (seconds is < 0 or > 3600)
        {
            a.Error(name, ScenarioErrorKind.BadTime, $"{seconds} s is outside any run (0 to 3600 s)");
            return null;
        }

        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>The expectations, or null when they could not be read.</summary>
    public static ScenarioExpectations? ReadExpectations(JsonFields top, List<ScenarioError> errors)
    {
        if (top.Element("expectations", required: true) is not { } element
            || JsonFields.Of(element, top.At("expectations"), errors, "checks", "detectionWithin", "replaysAccepted", "floodInTimeAtLeast") is not { } x)
        {
            return null;
        }

        var detection = x.Number("detectionWithin", required: false, 0.1, 600, " s");
        var replays = x.Integer("replaysAccepted", required: false, 0, int.MaxValue);
        var inTime = x.Number("floodInTimeAtLeast", required: false, 0, 1);
        if (x.Element("checks", required: true) is not { } checks)
        {
            return null;
        }

        var result = new ScenarioExpectations
        {
            DetectionWithin = detection is { } d ? TimeSpan.FromSeconds(d) : null,
            ReplaysAccepted = replays,
            FloodInTimeAtLeast = inTime,
        };
        if (checks.ValueKind == JsonValueKind.String && checks.GetString() == "all")
        {
            return result with { All = true };
        }

        if (checks.ValueKind != JsonValueKind.Array || checks.GetArrayLength() > 50 || checks.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String))
        {
            x.Error("checks", ScenarioErrorKind.WrongType, "\"all\" or an array of check ids (at most 50) is expected");
            return null;
        }

        var ids = checks.EnumerateArray().Select(c => c.GetString()!).ToList();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)).Where(p => ids.IndexOf(p.id) != p.i))
        {
            errors.Add(new ScenarioError($"{x.At("checks")}[{i}]", ScenarioErrorKind.DuplicateId, $"the check '{JsonFields.Printable(id)}' is listed twice"));
        }

        return result with { Checks = ids };
    }
}
