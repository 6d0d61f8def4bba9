using System.Collections.Concurrent;
using Bench.Reporting;
using Bench.Stations;
using Firmware.Application.Provisioning;
using Pki.Store;
using PkiProtocol.Misbehaviour;
using IdfModels = Bench.Scenarios.Files.IdfModels;

namespace Bench.Demo;

/// <summary>
/// A compromised IDF model in a demo run (<see cref="ModelCompromisePlan"/>): exploits it on its OBUs at the plan's time (each
/// tampered as the demo's tamper is), and records what the summary's checks need besides the ledger: when each OBU first held
/// a CRL listing the model's tickets, and what each OBU found when its own certificates were on a CRL (patent ¶167). The rest
/// (the reports counted, the model-wide revocation) is read from the PKI's store at the end. Nothing here decides anything:
/// the OBUs report through their misbehaviour queues, the authority's global detection revokes, the receivers reject.
/// </summary>
internal sealed class ModelWatch
{
    private readonly ModelCompromisePlan _plan;
    private readonly IReadOnlyList<BenchObu> _obus;
    private readonly DecisionLedger _ledger;
    private readonly TimeProvider _clock;
    private readonly HashSet<string> _model;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _holds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset, OwnRevocation)> _own = new(StringComparer.Ordinal);

    public ModelWatch(ModelCompromisePlan plan, DemoOptions options, IReadOnlyList<BenchObu> obus, DecisionLedger ledger, TimeProvider clock)
    {
        _plan = plan;
        _obus = obus;
        _ledger = ledger;
        _clock = clock;
        _model = [.. obus.Where((_, i) => options.IdfOf(i) == plan.Model).Select(b => b.Name)];
        foreach (var obu in obus)
        {
            if (obu.Node.Crls is { } crls)
            {
                crls.Refreshed += _ => OnRefreshed(obu);
            }

            if (obu.Node.OwnRevocations is { } own)
            {
                own.Noticed += found => _own.TryAdd(obu.Name, (_clock.GetUtcNow(), found));
            }
        }
    }

    /// <summary>The model's name in the scenario file ("product version").</summary>
    public string Model => IdfModels.Name(_plan.Model);

    /// <summary>The OBUs running the model.</summary>
    public IReadOnlyCollection<string> ModelObus => _model;

    /// <summary>The exploited OBUs.</summary>
    public IReadOnlyList<BenchObu> Exploited => [.. _plan.Exploited.Select(i => _obus[i - 1])];

    /// <summary>When the exploit happened (null: not yet).</summary>
    public DateTimeOffset? ExploitedAt { get; private set; }

    /// <summary>The global detection's request target of the model (<c>vendor/product@version</c>, GlobalDetection).</summary>
    public string Target => $"{_plan.Model.Model}@{_plan.Model.Version}";

    /// <summary>The exploit: each of the model's exploited OBUs tampered as the demo's tamper is (a rogue process).</summary>
    public void Exploit()
    {
        ExploitedAt = _clock.GetUtcNow();
        foreach (var obu in Exploited)
        {
            obu.Tamper(TamperFault.RogueProcess);
        }
    }

    /// <summary>The facts of the run for the summary (<see cref="SummaryBuilder.ModelCompromise"/>), read from the PKI's store.</summary>
    public ModelCompromiseFacts Facts(DemoPki pki, DemoOptions options, string? selfRevoked)
    {
        var store = pki.Pki.Context.Store;
        var reported = store.GetObservations()
            .Where(o => o.Kind is MisbehaviourKind.IdfAnomaly or MisbehaviourKind.IdfCompromise && o.SubjectStation is { } s && _model.Contains(s))
            .GroupBy(o => o.SubjectStation!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(o => o.ReceivedAt), StringComparer.Ordinal);
        var requests = pki.Pki.Ma.Detection.Requests;
        var revoked = requests.FirstOrDefault(r => r.Scope == RevocationScope.Implementation && r.Target == Target && r.State == RevocationRequestState.Done);
        var others = requests.Where(r => r.Scope == RevocationScope.Implementation && r.Target != Target).Select(r => $"{r.Target} {r.State}").ToList();
        var names = _obus.Select(b => b.Name).ToList();
        return new ModelCompromiseFacts(Model, [.. Exploited.Select(b => b.Name)], [.. names.Where(_model.Contains)], [.. names.Where(n => !_model.Contains(n))], selfRevoked,
            ExploitedAt ?? options.Clock.GetUtcNow(), options.ModelRevokedWithin, pki.Pki.Context.Options.ImplementationThreshold, reported, revoked?.DecidedAt, revoked?.Action, others,
            new Dictionary<string, DateTimeOffset>(_holds, StringComparer.Ordinal),
            _own.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
    }

    // After a CRL refresh: does the OBU now hold a CRL listing one of the model's tickets (the signers the ledger saw)?
    private void OnRefreshed(BenchObu obu)
    {
        if (_holds.ContainsKey(obu.Name))
        {
            return;
        }

        var tickets = _ledger.Snapshot().Where(e => e.Signer is not null && _model.Contains(e.Sender)).Select(e => e.Signer!.Value).Distinct();
        if (tickets.Any(obu.Node.Receiver.Revocations.IsRevoked))
        {
            _holds.TryAdd(obu.Name, _clock.GetUtcNow());
        }
    }
}
