using Cti.Sharing;
using Cti.Validation;
using Firmware.SecurePartition.Reports;
using Hardware.Positioning;

namespace Firmware.Upstream.Desensitising;

/// <summary>
/// Scrub, then verify (ITU-T X.1382 §7.3, §9.3.2.3 f): <see cref="SummaryBuilder"/> copies only values
/// of known shape into the summaries, then every summary's STIX objects go through the STIX 2.1
/// validator and <see cref="LeakCheck"/>; one that fails either is not sent (fail closed) and is
/// reported as blocked, with the kinds and places found but never the values.
/// </summary>
public sealed class Desensitiser
{
    private readonly SummaryBuilder _builder;
    private readonly LeakCheck _check;
    private readonly StixValidator _validator = new(ExtensionRegistry.CreateDefault());

    /// <summary>A desensitiser for <paramref name="options"/> with the vehicle's 32-byte pseudonym key.</summary>
    public Desensitiser(UpstreamOptions options, ReadOnlySpan<byte> pseudonymKey)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _check = new LeakCheck(
            options.LocationCellDegrees is { } cell ? new LocationGrid(cell) : null,
            options.TimeBucket,
            options.VehicleIdentifiers,
            new[] { options.Make, options.Model, options.Ecu, options.Supplier }.OfType<string>());
        var configured = new[] { options.Make, options.Model, options.Ecu, options.Supplier, options.FirmwareVersion }.OfType<string>().ToList();
        foreach (var value in configured)
        {
            var kinds = _check.KindsIn(value).Where(k => k is not ("person" or "plate")).ToList();
            if (kinds.Count > 0)
            {
                throw new ArgumentException($"Upstream options: a configured value looks like {string.Join(", ", kinds)}, which must not leave the vehicle.", nameof(options));
            }
        }

        _builder = new SummaryBuilder(options, new Pseudonymiser(pseudonymKey, options.PseudonymPeriod), _check);
    }

    /// <summary>The leak check in use.</summary>
    public LeakCheck Check => _check;

    /// <summary>Desensitises one report; <paramref name="fix"/> is the current position, if any.</summary>
    public DesensitisedReport Desensitise(DetailedReport report, DateTimeOffset now, PositionFix? fix)
    {
        ArgumentNullException.ThrowIfNull(report);
        var built = _builder.Build(report, now, fix);
        var ready = new List<OutboundSummary>();
        var blocked = new List<BlockedSummary>();
        foreach (var summary in built.Summaries)
        {
            var objects = summary.ToStixObjects();
            var findings = _check.Scan(objects).ToList();
            for (var i = 0; i < objects.Count; i++)
            {
                findings.AddRange(_validator.Validate(objects[i]).Select(e => new LeakFinding("structure", $"$[{i}]" + e.Path.TrimStart('$'))));
            }

            if (findings.Count == 0)
            {
                ready.Add(new OutboundSummary(summary.ObservedDataId, summary.Severity, objects));
            }
            else
            {
                blocked.Add(new BlockedSummary(summary.Detector, summary.AnomalyClass, findings));
            }
        }

        return new DesensitisedReport(ready, blocked, built.Withheld, built.Truncated);
    }
}
