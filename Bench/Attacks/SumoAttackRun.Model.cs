using System.Globalization;
using Bench.Stations;
using PkiProtocol.Audit;

namespace Bench.Attacks;

/// <summary>
/// A compromised IDF model in SUMO (issue 15's attack library; Docs/bench.md, "A compromised IDF model in SUMO"): the OBUs of
/// the SUMO vehicles that name the model run it and registered it at the bench PKI (<see cref="Mobility.SumoSettings.Models"/>).
/// At the attack's time the vulnerability is exploited on <see cref="SumoAttack.Count"/> of them on the air, each tampered as
/// the route's <c>ModelWatch</c> does (a rogue process): their partitions' IDF latches, each one's own anomaly report goes
/// through its misbehaviour queue to the authority, whose global detection revokes the model once its implementation threshold
/// of distinct stations reported. The receivers of the other models refuse the model's stations as Revoked after their next CRL
/// refresh; an OBU of the model whose vehicle departs later is refused by the EA (<see cref="Refused"/>).
/// </summary>
public sealed partial class SumoAttackRun
{
    private readonly Dictionary<string, (string Vehicle, DateTimeOffset At)> _modelObus = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Vehicle, DateTimeOffset At, string Reason)> _modelRefused = new(StringComparer.Ordinal);
    private readonly Dictionary<SumoAttack, ModelExploit> _exploits = [];
    private readonly Dictionary<string, (DateTimeOffset At, int Retired, string? NewTicket)> _modelRetired = new(StringComparer.Ordinal);

    private sealed record ModelExploit(DateTimeOffset At, IReadOnlyList<string> Exploited, IReadOnlyList<string> OnAir);

    /// <summary>The compromised model of the run, or null (one per scenario).</summary>
    private SumoAttack? ModelAttack => _attacks.FirstOrDefault(a => a.Kind == SumoAttackKind.CompromisedIdfModel);

    /// <summary>The OBUs built in the compromised model's vehicles so far (excused from <c>no-genuine-reported</c>: revoked with their model).</summary>
    public IReadOnlySet<string> ModelStations
    {
        get
        {
            lock (_lock)
            {
                return new HashSet<string>(_modelObus.Keys, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The global detection's request target of the compromised model (<c>vendor/product@version</c>), or null.</summary>
    public string? ModelTarget => ModelAttack?.Model is { } m ? $"{m.Model}@{m.Version}" : null;

    /// <summary>
    /// True when the OBU of <paramref name="vehicle"/> runs the run's compromised model and the model is revoked by now: an
    /// enrolment or ticket refused for it is the attack's outcome, not a failure to start (the bench records it as refused).
    /// </summary>
    public bool RefusesModel(string vehicle) =>
        ModelAttack?.Model is { } model && _run.Models is { } models && models.TryGetValue(vehicle, out var m) && m == model && ModelRevokedAt() is not null;

    /// <summary>An OBU of the compromised model could not get on the air: its enrolment or ticket was refused (the model revoked).</summary>
    public void Refused(string obu, string vehicle, string reason)
    {
        lock (_lock)
        {
            _modelRefused[obu] = (vehicle, _run.Clock.GetUtcNow(), reason);
        }

        _ = _run.Say(string.Create(CultureInfo.InvariantCulture,
            $"compromised IDF model: {obu} in vehicle {vehicle} (departed at {(_run.Clock.GetUtcNow() - _run.Start).TotalSeconds:0.0} s) refused by the PKI, its model revoked: {reason}"));
    }

    /// <summary>The OBUs refused for the revoked model (vehicles departing after the revocation).</summary>
    public int ModelRefusedCount
    {
        get
        {
            lock (_lock)
            {
                return _modelRefused.Count;
            }
        }
    }

    // An OBU was built in a vehicle: one of the compromised model is watched from then on.
    private void BuiltModel(BenchObu obu, string vehicle)
    {
        if (ModelAttack?.Model is { } model && _run.Models is { } models && models.TryGetValue(vehicle, out var m) && m == model)
        {
            lock (_lock)
            {
                _modelObus[obu.Name] = (vehicle, _run.Clock.GetUtcNow());
            }

            // Its own certificates found on a CRL (patent ¶167): it retires its tickets and falls silent, as on the route (ModelWatch).
            if (obu.Node.OwnRevocations is { } own)
            {
                own.Noticed += found =>
                {
                    lock (_lock)
                    {
                        _modelRetired.TryAdd(obu.Name, (_run.Clock.GetUtcNow(), found.RetiredTickets.Count, found.NewTicket));
                    }
                };
            }
        }
    }

    private void ScheduleModel()
    {
        if (ModelAttack is not { } attack)
        {
            return;
        }

        var due = _run.Start + attack.At - _run.Clock.GetUtcNow();
        _timers.Add(_run.Clock.CreateTimer(_ => Exploit(attack), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    // The route's exploit (ModelWatch.Exploit) on the model's OBUs on the air, in the file's order of their vehicles.
    private void Exploit(SumoAttack attack)
    {
        var model = attack.Model!;
        var now = _run.Clock.GetUtcNow();
        var vehicles = _run.Models?.Where(kv => kv.Value == model).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList() ?? [];
        var onAir = vehicles.Select(v => (Vehicle: v, Obu: _run.ObuOnAir(v))).Where(p => p.Obu is not null).Select(p => (p.Vehicle, Obu: p.Obu!)).ToList();
        var exploited = onAir.Take(attack.Count ?? 0).ToList();
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            _exploits[attack] = new ModelExploit(now, [.. exploited.Select(o => o.Obu.Name)], [.. onAir.Select(o => o.Obu.Name)]);
            _started[attack] = new Started(now, string.Join(",", exploited.Select(o => o.Obu.Name)));
        }

        foreach (var (_, obu) in exploited)
        {
            obu.Tamper(TamperFault.RogueProcess);
        }

        var at = (now - _run.Start).TotalSeconds;
        var name = $"{model.Product} {model.Version}";
        _ = _run.Say(exploited.Count < (attack.Count ?? 0)
            ? string.Create(CultureInfo.InvariantCulture,
                $"compromised IDF model: only {onAir.Count} OBU(s) of {name} on the air at {at:0.0} s, {attack.Count} to exploit; exploited {exploited.Count}: {string.Join(", ", exploited.Select(o => o.Obu.Name))}")
            : string.Create(CultureInfo.InvariantCulture,
                $"compromised IDF model: a vulnerability of {name} exploited at {at:0.0} s on {string.Join(", ", exploited.Select(o => $"{o.Obu.Name} (vehicle {o.Vehicle})"))} ({TamperFaults.Name(TamperFault.RogueProcess)}); {onAir.Count} OBU(s) of it on the air: {string.Join(", ", onAir.Select(o => o.Obu.Name))}"));
    }

    // When the authority's global detection carried out the model-wide revocation (null: not yet, or no model attack).
    private DateTimeOffset? ModelRevokedAt() => ModelTarget is { } target && _run.Pki is { } pki
        ? pki.Pki.Ma.Detection.Requests.FirstOrDefault(r => r.Scope == Pki.Store.RevocationScope.Implementation && r.Target == target && r.State == Pki.Store.RevocationRequestState.Done)?.DecidedAt
        : null;
}
