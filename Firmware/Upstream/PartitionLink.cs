using Cti.Taxii;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Protocol;
using Firmware.SecurePartition.Reports;

namespace Firmware.Upstream;

/// <summary>
/// The secure partition as the forwarder sees it: its protocol client (Unix socket or in-memory channel). It also signs
/// each envelope of summaries before it is posted (<see cref="IEnvelopeSigner"/>: the partition signs the envelope
/// digest with the active authorization ticket under PSID 0x0D; the key never leaves the partition).
/// </summary>
public sealed class PartitionLink : IReportSource, IIndicatorRuleTarget, IEnvelopeSigner
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

    /// <inheritdoc />
    public Task<byte[]> SignAsync(string collectionId, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken) =>
        _client.SignUpstreamSummaryAsync(EnvelopeSignature.Digest(collectionId, envelope.Span), cancellationToken);
}
