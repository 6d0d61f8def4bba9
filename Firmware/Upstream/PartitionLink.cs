using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Protocol;
using Firmware.SecurePartition.Reports;

namespace Firmware.Upstream;

/// <summary>The secure partition as the forwarder sees it: its protocol client (Unix socket or in-memory channel).</summary>
public sealed class PartitionLink : IReportSource, IIndicatorRuleTarget
{
    private readonly SecurePartitionClient _client;

    /// <summary>A link over a connected client (the caller keeps ownership of it).</summary>
    public PartitionLink(SecurePartitionClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<(ulong Sequence, DetailedReport Report)>> ReadReportsAsync(ulong afterSequence, int max, CancellationToken cancellationToken) =>
        _client.ReadReportsAsync(afterSequence, max, cancellationToken);

    /// <inheritdoc />
    public Task<IndicatorRuleSetState> UpdateIndicatorRulesAsync(IndicatorRuleUpdate update, CancellationToken cancellationToken) =>
        _client.UpdateIndicatorRulesAsync(update, cancellationToken);

    /// <inheritdoc />
    public Task<(uint Revision, IReadOnlyList<IndicatorEntry> Entries)> ListIndicatorRulesAsync(CancellationToken cancellationToken) =>
        _client.ListIndicatorRulesAsync(cancellationToken);
}
