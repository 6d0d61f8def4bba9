using System.Text.Json.Nodes;
using Community.Access;
using Community.Membership;
using Community.Storage;
using Cti.Stix;
using Cti.Validation;

namespace Community.Hosting;

/// <summary>
/// What every hub service shares: the store, the settings, the clock, the extension registry and
/// validator, the threat routing in force, and the lock that serialises writes (one writer per hub).
/// </summary>
public sealed class HubCore
{
    /// <summary>Settings key of the threat routing (X.1382 Table 1 or the community's own).</summary>
    public const string ThreatRoutingSetting = "threat_routing";

    private volatile ThreatRouting _routing = ThreatRouting.Default;

    /// <summary>Builds the core; call <see cref="LoadAsync"/> before serving.</summary>
    public HubCore(IHubStore store, HubOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        Store = store;
        Options = options;
        Time = time;
        Extensions = ExtensionRegistry.CreateDefault();
        Validator = new StixValidator(Extensions);
    }

    /// <summary>The store.</summary>
    public IHubStore Store { get; }

    /// <summary>The settings.</summary>
    public HubOptions Options { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Known extension definitions (built-in ones plus those members posted).</summary>
    public ExtensionRegistry Extensions { get; }

    /// <summary>The STIX validator over <see cref="Extensions"/>.</summary>
    public StixValidator Validator { get; }

    /// <summary>Serialises object writes.</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    /// <summary>The threat routing in force.</summary>
    public ThreatRouting Routing => _routing;

    /// <summary>The hub's own STIX identity (created_by_ref of merged objects).</summary>
    public string HubIdentityId => StixId.Create("identity", StixId.Uuid5(Organisation.IdentityNamespace, Options.HubOrganisationId)).ToString();

    /// <summary>Now, in microseconds since the epoch.</summary>
    public long NowUs => StixTimestamp.ToMicroseconds(Time.GetUtcNow());

    /// <summary>Creates the schema, loads the routing and the extension definitions members posted.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        if (await Store.GetSettingAsync(ThreatRoutingSetting, cancellationToken).ConfigureAwait(false) is { } json)
        {
            _routing = ThreatRouting.FromJson(json);
        }

        foreach (var collection in await Store.ListCollectionsAsync(cancellationToken).ConfigureAwait(false))
        {
            var after = long.MinValue;
            while (true)
            {
                var page = await Store.QueryObjectsAsync(
                    new ObjectQuery { CollectionId = collection.Id, Types = ["extension-definition"], AfterDateAddedUs = after, Limit = 500 },
                    cancellationToken).ConfigureAwait(false);
                foreach (var row in page)
                {
                    if (JsonNode.Parse(row.Body) is JsonObject definition)
                    {
                        Extensions.RegisterFrom(definition, row.Producer);
                    }
                }

                if (page.Count < 500)
                {
                    break;
                }

                after = page[^1].DateAddedUs;
            }
        }
    }

    /// <summary>Replaces the threat routing and stores it.</summary>
    public async Task SetRoutingAsync(ThreatRouting routing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(routing);
        await Store.SetSettingAsync(ThreatRoutingSetting, routing.ToJson(), cancellationToken).ConfigureAwait(false);
        _routing = routing;
    }
}
