using Bench.Hub;
using Bench.Reporting;
using Bench.Stations;
using Cti.Taxii;

namespace Bench.Demo;

/// <summary>
/// The demo's view of the sharing-community hub during and after the run: the line under the live table, the
/// moment the hub first acknowledged the tampered OBU's summary, and the hub's part of the summary.
/// </summary>
internal sealed class HubWatch
{
    private readonly DemoHub _hub;
    private readonly BenchObu _tampered;
    private readonly IReadOnlyList<BenchObu> _obus;
    private bool _announced;

    public HubWatch(DemoHub hub, BenchObu tampered, IReadOnlyList<BenchObu> obus)
    {
        _hub = hub;
        _tampered = tampered;
        _obus = obus;
    }

    /// <summary>When the hub first acknowledged a summary of the tampered OBU (null: not yet).</summary>
    public DateTimeOffset? FirstSummaryAt => _tampered.Posted?.FirstAcceptedAt;

    /// <summary>True the first time it is asked after <see cref="FirstSummaryAt"/> is known.</summary>
    public bool Announce()
    {
        if (_announced || FirstSummaryAt is null)
        {
            return false;
        }

        _announced = true;
        return true;
    }

    /// <summary>The line under the live table; a hub that does not answer says so rather than showing old counts.</summary>
    public async Task<string> LineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return LiveTable.HubLine(_hub.ApiRoot, HubSummaryBuilder.ByType(await _hub.ReadAsync(cancellationToken).ConfigureAwait(false)));
        }
        catch (Exception e) when (e is TaxiiClientException or HttpRequestException)
        {
            return $"hub {_hub.ApiRoot.Authority}: not readable ({e.Message})";
        }
    }

    /// <summary>What the hub holds now against what each OBU's forwarder had acknowledged.</summary>
    public async Task<HubSummary> SummarizeAsync(DateTimeOffset tamperedAt, CancellationToken cancellationToken)
    {
        var objects = await _hub.ReadAsync(cancellationToken).ConfigureAwait(false);
        var posted = _obus.ToDictionary(o => o.Name, o => (o.Posted?.Ids ?? new HashSet<string>(StringComparer.Ordinal), o.Posted?.FirstAcceptedAt), StringComparer.Ordinal);
        return HubSummaryBuilder.Build(objects, new HubSummaryBuilder.Inputs(_hub.ApiRoot.ToString(), _hub.AnomaliesCollection, _hub.DatabasePath, _tampered.Name,
            tamperedAt, posted));
    }
}
