using Community.Access;
using Community.Analysis;
using Community.Authenticity;
using Community.Dashboard;
using Community.Ingest;
using Community.Membership;
using Community.Retention;
using Community.Storage;

namespace Community.Hosting;

/// <summary>The hub's services, wired together over one <see cref="HubCore"/>.</summary>
public sealed class HubServices : IAsyncDisposable
{
    private HubServices(HubCore core, SubmissionVerifier? verifier)
    {
        Core = core;
        Verifier = verifier;
        Scorer = new ValueScorer(core.Options.Valuation);
        Merger = new AnomalyMerger(core);
        Authenticator = new Authenticator(core);
        Reader = new ObjectReader(core, Scorer);
        Ingest = new IngestService(core, Merger);
        Membership = new MembershipService(core);
        Retention = new RetentionJob(core);
        Dashboard = new DashboardService(core, Reader);
    }

    /// <summary>Shared state.</summary>
    public HubCore Core { get; }

    /// <summary>Value scoring.</summary>
    public ValueScorer Scorer { get; }

    /// <summary>Anomaly merging.</summary>
    public AnomalyMerger Merger { get; }

    /// <summary>HTTP Basic authentication.</summary>
    public Authenticator Authenticator { get; }

    /// <summary>Access-filtered reads.</summary>
    public ObjectReader Reader { get; }

    /// <summary>Envelope ingest.</summary>
    public IngestService Ingest { get; }

    /// <summary>Community administration.</summary>
    public MembershipService Membership { get; }

    /// <summary>Erasure of obsolete information.</summary>
    public RetentionJob Retention { get; }

    /// <summary>The overview page's data.</summary>
    public DashboardService Dashboard { get; }

    /// <summary>
    /// Checks ticket signatures of submissions against the V2X PKI; null when the hub has no trust anchor configured
    /// (then collections that check signatures find every summary unverifiable: fail closed).
    /// </summary>
    public SubmissionVerifier? Verifier { get; }

    /// <summary>Builds and loads the services over <paramref name="store"/>.</summary>
    public static Task<HubServices> CreateAsync(IHubStore store, HubOptions options, TimeProvider time, CancellationToken cancellationToken) =>
        CreateAsync(store, options, time, null, cancellationToken);

    /// <summary>Builds and loads the services over <paramref name="store"/>, checking signatures with <paramref name="verifier"/>.</summary>
    public static async Task<HubServices> CreateAsync(IHubStore store, HubOptions options, TimeProvider time, SubmissionVerifier? verifier, CancellationToken cancellationToken)
    {
        var core = new HubCore(store, options, time);
        await core.LoadAsync(cancellationToken).ConfigureAwait(false);
        return new HubServices(core, verifier);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Core.WriteLock.Dispose();
        await Core.Store.DisposeAsync().ConfigureAwait(false);
    }
}
