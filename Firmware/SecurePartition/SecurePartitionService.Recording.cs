using Firmware.SecurePartition.BlackBox;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Reports;
using Firmware.SecurePartition.Triggers;
using Microsoft.Extensions.Logging;
using V2x.Integrity;

namespace Firmware.SecurePartition;

public sealed partial class SecurePartitionService
{
    private void PeriodicScan()
    {
        try
        {
            LogScan(Idf.Scan(TriggerKind.Periodic));
        }
        catch (Exception e) when (e is IOException or Hardware.Storage.StorageException or Hardware.Security.KeyStoreException or InvalidOperationException)
        {
            _log.LogError(e, "Periodic scan failed");
        }
    }

    /// <summary>
    /// Writes a detailed report to the black box for every scan a trigger other than the timer or a
    /// message started, and for any scan whose findings differ from the last one recorded.
    /// </summary>
    private void Record(ScanResult scan)
    {
        var key = string.Join(";", scan.Results.Where(r => r.Level >= IntegrityLevel.Anomaly)
            .SelectMany(r => r.Evidence.Where(e => e.Level >= IntegrityLevel.Anomaly).Select(e => $"{r.Detector}/{e.Rule}/{e.Subject}")))
            + "|" + scan.Level + "|" + scan.Bitmap;
        lock (_blackBoxLock)
        {
            if (scan.Trigger is TriggerKind.Periodic or TriggerKind.MessageSend && key == _lastLogged)
            {
                return;
            }

            _lastLogged = key;
            // Trimmed (bills of materials, then evidence per detector) to fit both a black-box entry
            // and one report in a protocol response, so a scan with hundreds of findings is recorded
            // and forwarded instead of making Append throw.
            var report = ReportFit.Encode(DetailedReport.From(scan, Idf.Boot, _options.Board, Idf.FlashGeneration), StoredReportMaxBytes);
            BlackBox.Append(BlackBoxEntry.ReportKind, report, scan.Time);
        }
    }

    /// <summary>Largest stored detailed report: fits a black-box entry and a default-sized ReadReports response.</summary>
    private int StoredReportMaxBytes => Math.Min(BlackBox.MaxPayloadBytes, ReportFit.MaxInResponse(Protocol.Frame.DefaultMaxBodyBytes));

    private void LogScan(ScanResult scan)
    {
        // Every report says what was not checked (patent ¶120-127 only mean something for the classes evaluated).
        if (scan.Level == IntegrityLevel.NoAnomaly)
        {
            _log.LogInformation("Scan {Trigger}: {Level}, coverage {Coverage}, not checked {Uncovered}", scan.Trigger, scan.Level, scan.Coverage, scan.Uncovered);
            return;
        }

        _log.LogWarning("Scan {Trigger}: {Level}, detectors {Detectors}, not checked {Uncovered}: {Evidence}", scan.Trigger, scan.Level, scan.Bitmap, scan.Uncovered,
            string.Join("; ", scan.Results.SelectMany(r => r.Evidence).Where(e => e.Level >= IntegrityLevel.Anomaly).Select(e => e.Detail).Take(8)));
    }
}
