using Firmware.SecurePartition.BlackBox;
using Firmware.SecurePartition.Policy;
using Microsoft.Extensions.Logging;

namespace Firmware.SecurePartition;

public sealed partial class SecurePartitionService
{
    /// <summary>
    /// Deploys indicator deny rules from the sharing community (ITU-T X.1382 §9.3.1.4 c), as a whole
    /// or not at all, and writes a note of the change to the black box. The rules take effect at the
    /// next scan. They can only add findings, so an application partition that abuses this operation
    /// can raise false alarms but hide nothing (Docs/upstream.md, "Threat analysis of the return path").
    /// </summary>
    /// <exception cref="PartitionException">Over the bounds (<see cref="PartitionError.NotPermitted"/>) or not stored (<see cref="PartitionError.StorageFailure"/>); nothing changed.</exception>
    public IndicatorRuleSetState UpdateIndicatorRules(IndicatorRuleUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var before = Idf.Indicators.Revision;
        var state = Idf.Indicators.Apply(update, Now);
        if (state.Revision != before)
        {
            var note = $"indicator rules revision {state.Revision}: {update.Upserts.Count} upserted, {update.Removals.Count} removed, " +
                       $"{state.IgnoredStale} stale ignored; {state.Indicators} indicators, {state.Rules} rules deployed";
            lock (_blackBoxLock)
            {
                BlackBox.Append(BlackBoxEntry.NoteKind, System.Text.Encoding.UTF8.GetBytes(note), Now);
            }

            _log.LogInformation("Indicator rules revision {Revision}: {Indicators} indicators, {Rules} rules", state.Revision, state.Indicators, state.Rules);
        }

        return state;
    }

    /// <summary>The deployed indicator rules and their revision.</summary>
    public (uint Revision, IReadOnlyList<IndicatorEntry> Entries) ListIndicatorRules() => (Idf.Indicators.Revision, Idf.Indicators.Entries);
}
