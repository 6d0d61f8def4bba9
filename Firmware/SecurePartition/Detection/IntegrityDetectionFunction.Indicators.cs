using Firmware.SecurePartition.Policy;

namespace Firmware.SecurePartition.Detection;

public sealed partial class IntegrityDetectionFunction
{
    /// <summary>The indicator deny rules deployed from the sharing community (ITU-T X.1382 §9.3.1.4 c).</summary>
    public IndicatorRuleSet Indicators { get; }

    /// <summary>
    /// Folds the findings of the active indicator rules into the results of their detector classes.
    /// A rule only adds evidence: a detector's level can rise, never fall.
    /// </summary>
    private void AddIndicatorEvidence(List<DetectorResult> results, ScanContext context)
    {
        var found = IndicatorMatcher.Match(context, Indicators.ActiveAt(context.Now), Indicators.Problem);
        foreach (var group in found.GroupBy(f => f.Detector))
        {
            var i = results.FindIndex(r => r.Detector == group.Key);
            var before = results[i];
            var status = before.Status is DetectorStatus.NotRequired or DetectorStatus.NotConfigured ? DetectorStatus.Partial : before.Status;
            results[i] = DetectorResult.From(before.Detector, status, [.. before.Evidence, .. group.Select(f => f.Evidence)]);
        }
    }
}
