using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Cti.Sharing;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Reports;
using Hardware.Positioning;
using V2x.Integrity;

namespace Firmware.Upstream.Desensitising;

/// <summary>
/// Turns a detailed report (patent ¶127) into desensitised anomaly summaries (ITU-T X.1382 §9.3.2.3
/// b, c, f): one per finding at anomaly or above, identified by detector, evidence rule and subject.
/// Only values of known shape are copied: the pseudonym instead of any board or vehicle identity,
/// make/model/ECU from configuration, versions, hashes, process and image names, public peer
/// addresses, counts and levels. Free text (evidence details, trigger details, the board name,
/// hardware descriptions, latch reasons) is never copied. Time is floored to the bucket; the position
/// becomes a grid cell. <see cref="LeakCheck"/> verifies the result afterwards.
/// </summary>
public sealed class SummaryBuilder
{
    /// <summary>Name of the software observable that stands for the OBU firmware when a finding names nothing else.</summary>
    public const string FirmwareObservableName = "obu-firmware";

    private readonly UpstreamOptions _options;
    private readonly Pseudonymiser _pseudonyms;
    private readonly LocationGrid? _grid;
    private readonly LeakCheck _check;

    /// <summary>A builder for <paramref name="options"/> (validated), with the vehicle's pseudonym key.</summary>
    public SummaryBuilder(UpstreamOptions options, Pseudonymiser pseudonyms, LeakCheck check)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pseudonyms);
        ArgumentNullException.ThrowIfNull(check);
        options.Validate();
        _options = options;
        _pseudonyms = pseudonyms;
        _check = check;
        _grid = options.LocationCellDegrees is { } cell ? new LocationGrid(cell) : null;
    }

    /// <summary>The summaries of <paramref name="report"/>; <paramref name="fix"/> is the current position (or null), <paramref name="now"/> the clock.</summary>
    public ReportSummaries Build(DetailedReport report, DateTimeOffset now, PositionFix? fix)
    {
        ArgumentNullException.ThrowIfNull(report);
        var findings = report.Results
            .SelectMany(r => r.Evidence.Where(e => e.Level >= IntegrityLevel.Anomaly).Select(e => (r.Detector, Evidence: e)))
            .GroupBy(f => (f.Detector, f.Evidence.Rule, f.Evidence.Subject))
            .Select(g => (g.Key.Detector, Evidence: g.MaxBy(f => f.Evidence.Level).Evidence))
            .OrderByDescending(f => f.Evidence.Level).ThenBy(f => f.Detector).ThenBy(f => f.Evidence.Rule, StringComparer.Ordinal)
            .ThenBy(f => f.Evidence.Subject, StringComparer.Ordinal)
            .ToList();
        if (findings.Count == 0)
        {
            return ReportSummaries.Empty;
        }

        var bucket = TimeBuckets.Floor(report.Time, _options.TimeBucket);
        var firmware = _options.FirmwareVersion ?? FirmwareOf(report);
        var location = LocationOf(report, now, fix);
        var withheld = 0;
        var summaries = new List<AnomalySummary>();
        foreach (var (detector, evidence) in findings.Take(_options.MaxSummariesPerReport))
        {
            var (observables, processName, subjectWithheld) = ObservablesOf(detector, evidence, report, firmware);
            withheld += subjectWithheld ? 1 : 0;
            var anomalyClass = AnomalyTaxonomy.AnomalyClass(evidence.Rule);
            var severity = AnomalyTaxonomy.Severity(evidence.Level);
            var summary = new AnomalySummary
            {
                SummaryId = Guid.Empty,
                VehiclePseudonym = _pseudonyms.For(bucket),
                Make = _options.Make,
                Model = _options.Model,
                FirmwareVersion = firmware,
                Supplier = _options.Supplier,
                Ecu = _options.Ecu,
                Detector = AnomalyTaxonomy.DetectorName(detector),
                AnomalyClass = anomalyClass,
                Severity = severity,
                ThreatType = AnomalyTaxonomy.ThreatType(detector, evidence.Rule),
                Created = bucket,
                FirstObserved = bucket,
                LastObserved = bucket,
                Count = 1,
                Location = location,
                Evidence = EvidenceLine(anomalyClass, severity, evidence, subjectWithheld),
                Tlp = _options.Tlp,
                Observables = observables,
                CreatedByRef = _options.CreatedByRef,
            };
            var id = _pseudonyms.SummaryId(summary.Signature, bucket);
            if (summaries.Any(s => s.SummaryId == id))
            {
                // Two findings that read the same once desensitised (withheld subjects): one summary.
                continue;
            }

            summary = summary with { SummaryId = id };
            if (processName is not null)
            {
                // Processes have no deterministic id (STIX 2.1 §6.13), so the signature leaves them out.
                summary = summary with { Observables = [.. observables, Observables.Process(_pseudonyms.ProcessId(id, processName), observables[0])] };
            }

            summaries.Add(summary);
        }

        return new ReportSummaries(summaries, withheld, Math.Max(0, findings.Count - _options.MaxSummariesPerReport));
    }

    private (IReadOnlyList<JsonObject> Observables, string? ProcessName, bool Withheld) ObservablesOf(
        DetectorFlags detector, Evidence evidence, DetailedReport report, string firmware)
    {
        var rule = evidence.Rule;
        var subject = evidence.Subject;
        IReadOnlyList<JsonObject> Fallback() => [Observables.Software(FirmwareObservableName, firmware)];

        switch (rule)
        {
            case IndicatorMatcher.ImageHashRule:
                var colon = subject.IndexOf(':', StringComparison.Ordinal);
                var label = colon > 0 ? subject[..colon] : "";
                var hash = colon > 0 ? subject[(colon + 1)..] : "";
                if (hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower))
                {
                    return (Safe(label) ? [Observables.File(label, hash)] : [Observables.File("image", hash)], null, !Safe(label));
                }

                return (Fallback(), null, true);
            case IndicatorMatcher.SoftwareRule:
                var at = subject.LastIndexOf('@');
                if (at > 0 && Safe(subject[..at]) && SafeValues.IsVersion(subject[(at + 1)..]) && _check.KindsIn(subject[(at + 1)..]).Count == 0)
                {
                    return ([Observables.Software(subject[..at], subject[(at + 1)..])], null, false);
                }

                return (Fallback(), null, true);
            case "process.missing":
                return Safe(subject) ? ([Observables.Software(subject)], null, false) : (Fallback(), null, true);
            case "network.peer" or IndicatorMatcher.PeerRule:
                if (IPEndPoint.TryParse(subject, out var peer) && SafeValues.IsShareableAddress(peer.Address))
                {
                    var address = peer.Address.IsIPv4MappedToIPv6 ? peer.Address.MapToIPv4() : peer.Address;
                    var v4 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
                    var node = v4 ? Observables.Ipv4(address.ToString()) : Ipv6(address.ToString());
                    return ([node, Observables.NetworkTraffic(node, peer.Port, sourcePort: 0, v4 ? "ipv4" : "ipv6")], null, false);
                }

                return (Fallback(), null, true);
        }

        if (detector == DetectorFlags.IntegrityCheck && (rule.StartsWith("boot.", StringComparison.Ordinal) || rule.StartsWith("runtime.", StringComparison.Ordinal)
                                                          || rule.StartsWith("integrity.", StringComparison.Ordinal)))
        {
            if (!Safe(subject))
            {
                return (Fallback(), null, true);
            }

            // A stage refused at boot was measured: its hash identifies the image (a runtime change was not kept).
            var stage = rule.StartsWith("boot.", StringComparison.Ordinal) ? report.BootStages.FirstOrDefault(s => s.Label == subject && s.Sha256.Length == 32) : null;
            return ([Observables.File(subject, stage is null ? null : Convert.ToHexStringLower(stage.Sha256))], null, false);
        }

        var namesProcess = detector is DetectorFlags.Process or DetectorFlags.TaskManager or DetectorFlags.SecurityPolicy
                           || (detector == DetectorFlags.Memory && rule != "memory.heap")
                           || rule == "crash.termination";
        if (namesProcess && !rule.StartsWith("capability.", StringComparison.Ordinal))
        {
            return Safe(subject) ? ([Observables.File(subject)], subject, false) : (Fallback(), null, true);
        }

        return (Fallback(), null, false);
    }

    private bool Safe(string value) => SafeValues.IsName(value) && _check.KindsIn(value).Count == 0;

    private static JsonObject Ipv6(string value)
    {
        var contributing = new JsonObject { ["value"] = value };
        return new JsonObject
        {
            ["type"] = "ipv6-addr",
            ["spec_version"] = "2.1",
            ["id"] = Cti.Stix.StixId.ForObservable("ipv6-addr", contributing).ToString(),
            ["value"] = value,
        };
    }

    private static string EvidenceLine(string anomalyClass, AnomalySeverity severity, Evidence evidence, bool withheld)
    {
        var sb = new StringBuilder().Append("rule=").Append(anomalyClass).Append(" level=").Append(AnomalyExtension.SeverityValue(severity));
        if (evidence.Value is { } value && double.IsFinite(value))
        {
            sb.Append(" value=").Append(LeakCheck.FormatNumber(value));
        }

        if (evidence.AnomalyThreshold is { } x && double.IsFinite(x))
        {
            sb.Append(" x=").Append(LeakCheck.FormatNumber(x));
        }

        if (evidence.HighThreshold is { } y && double.IsFinite(y))
        {
            sb.Append(" y=").Append(LeakCheck.FormatNumber(y));
        }

        if (withheld)
        {
            sb.Append(" subject=withheld");
        }

        return sb.ToString();
    }

    private string FirmwareOf(DetailedReport report)
    {
        var versions = report.BootStages.Select(s => s.Version).Where(v => SafeValues.IsVersion(v) && _check.KindsIn(v).Count == 0).Distinct(StringComparer.Ordinal).ToList();
        return versions.Count switch
        {
            0 => "unknown",
            1 => versions[0],
            _ => report.BootStages.FirstOrDefault(s => s.Label == "app" && versions.Contains(s.Version))?.Version ?? versions[^1],
        };
    }

    private Cti.Sharing.CoarseLocation? LocationOf(DetailedReport report, DateTimeOffset now, PositionFix? fix)
    {
        if (_grid is null || fix is not { IsValid: true } f || (now - report.Time).Duration() > _options.LocationMaxAge || (now - f.FixTime).Duration() > _options.LocationMaxAge
            || !double.IsFinite(f.LatitudeDegrees) || !double.IsFinite(f.LongitudeDegrees) || Math.Abs(f.LatitudeDegrees) > 90 || Math.Abs(f.LongitudeDegrees) > 180)
        {
            return null;
        }

        return _grid.Cell(f.LatitudeDegrees, f.LongitudeDegrees);
    }
}
