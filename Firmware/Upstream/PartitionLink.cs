using Cti.Taxii;
using Firmware.SecurePartition;
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
    /// <remarks>
    /// A partition without an active authorization ticket (before provisioning, or a station without a PKI) answers
    /// <see cref="PartitionError.NoAuthorizationTicket"/>: the envelope goes unsigned and the hub's collection policy
    /// decides (Docs/community.md, signed submissions). Any other refusal (a ticket without PSID 0x0D, a malformed
    /// digest) is an error of this delivery: the summaries stay queued.
    /// </remarks>
    public async Task<byte[]?> SignAsync(string collectionId, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.SignUpstreamSummaryAsync(EnvelopeSignature.Digest(collectionId, envelope.Span), cancellationToken).ConfigureAwait(false);
        }
        catch (PartitionException e) when (e.Error == PartitionError.NoAuthorizationTicket)
        {
            return null;
        }
    }
}
