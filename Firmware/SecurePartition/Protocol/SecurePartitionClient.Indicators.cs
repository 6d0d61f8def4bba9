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
}
