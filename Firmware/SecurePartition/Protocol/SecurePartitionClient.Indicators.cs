using Firmware.SecurePartition.Encoding;
using Firmware.SecurePartition.Policy;

namespace Firmware.SecurePartition.Protocol;

public sealed partial class SecurePartitionClient
{
    /// <summary>Deploys indicator deny rules (applied as a whole or refused with <see cref="PartitionException"/>).</summary>
    public async Task<IndicatorRuleSetState> UpdateIndicatorRulesAsync(IndicatorRuleUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var r = await CallAsync(MessageType.UpdateIndicatorRules, IndicatorRuleCodec.EncodeUpdate(update), cancellationToken).ConfigureAwait(false);
        var state = new IndicatorRuleSetState(r.U32("revision"), r.U16("indicators"), r.U16("rules"), r.U16("ignoredStale"));
        r.ExpectEnd();
        return state;
    }

    /// <summary>The deployed indicator deny rules and their revision.</summary>
    public async Task<(uint Revision, IReadOnlyList<IndicatorEntry> Entries)> ListIndicatorRulesAsync(CancellationToken cancellationToken = default)
    {
        var r = await CallAsync(MessageType.ListIndicatorRules, [], cancellationToken).ConfigureAwait(false);
        var revision = r.U32("revision");
        var entries = r.List("entries", IndicatorRuleCodec.MaxEntries, IndicatorRuleCodec.ReadEntry);
        r.ExpectEnd();
        return (revision, entries);
    }

    /// <summary>
    /// Has the partition sign the digest of an upstream envelope (Cti EnvelopeSignature) with the active AT under PSID
    /// 0x0D; returns the IEEE 1609.2 signed data (payload extDataHash, signer certificate).
    /// </summary>
    public async Task<byte[]> SignUpstreamSummaryAsync(ReadOnlyMemory<byte> sha256, CancellationToken cancellationToken = default)
    {
        if (sha256.Length != 32)
        {
            throw new ArgumentException("a SHA-256 digest is 32 octets", nameof(sha256));
        }

        var r = await CallAsync(MessageType.SignUpstreamSummary, new ByteWriter(40).Bytes(sha256.Span).ToArray(), cancellationToken).ConfigureAwait(false);
        var spdu = r.Bytes("spdu", Frame.DefaultMaxBodyBytes);
        r.ExpectEnd();
        return spdu;
    }
}
