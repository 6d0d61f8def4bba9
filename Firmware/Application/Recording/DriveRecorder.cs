using System.Globalization;
using System.Text.Json;
using Firmware.Application.Node;
using Firmware.Application.Receiving;
using Firmware.Application.Sending;
using Hardware.Positioning;

namespace Firmware.Application.Recording;

/// <summary>
/// Records a drive into one folder (<see cref="RecordingFiles"/>): the node's frames as pcap (the node's capture,
/// opened by the host at <see cref="RecordingFiles.Frames"/>), every decision with its stage, reason and row and the
/// sender's position from the frame, every message sent with its fate, the GNSS track and status changes, and the
/// vehicle's CAN signals, each as JSON lines with the time of the node's clock. Thread-safe; lines are written by
/// the caller's thread under a lock (one short write per event) and flushed every second and on dispose.
/// </summary>
public sealed class DriveRecorder : IDisposable
{
    private readonly Lock _lock = new();
    private readonly StreamWriter _decisions;
    private readonly StreamWriter _sent;
    private readonly StreamWriter _gnss;
    private readonly StreamWriter _can;
    private readonly TimeProvider _clock;
    private readonly ITimer _flush;
    private bool _disposed;

    /// <summary>Creates the folder's files (the folder must be empty or absent) and writes recording.json.</summary>
    /// <exception cref="IOException">The folder already holds a recording.</exception>
    public DriveRecorder(string directory, string node, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(clock);
        Directory.CreateDirectory(directory);
        if (File.Exists(Path.Combine(directory, RecordingFiles.Manifest)))
        {
            throw new IOException($"{directory} already holds a recording.");
        }

        Folder = directory;
        _clock = clock;
        File.WriteAllText(Path.Combine(directory, RecordingFiles.Manifest), JsonSerializer.Serialize(new RecordingManifest(node, clock.GetUtcNow(), RecordingFiles.FormatVersion)));
        _decisions = Open(RecordingFiles.Decisions);
        _sent = Open(RecordingFiles.Sent);
        _gnss = Open(RecordingFiles.Gnss);
        _can = Open(RecordingFiles.Can);
        _flush = clock.CreateTimer(_ => Flush(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>The recording's folder.</summary>
    public string Folder { get; }

    /// <summary>Records everything a node decides and sends.</summary>
    public void Attach(ObuNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.Receiver.Decided += Decided;
        node.Sender.Sent += Sent;
    }

    /// <summary>Records a receiver's fixes (the track) and status changes.</summary>
    public void Attach(GnssReceiver gnss)
    {
        ArgumentNullException.ThrowIfNull(gnss);
        gnss.FixReported += Fix;
        gnss.StatusChanged += s => Write(_gnss, new GnssRecord(_clock.GetUtcNow(), s.ToString(), null, null, null, null, null));
    }

    /// <summary>Records one position (a source without reports, such as the simulated route, is sampled by the host).</summary>
    public void Fix(PositionFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        Write(_gnss, new GnssRecord(_clock.GetUtcNow(), null, fix.IsValid, fix.IsValid ? fix.LatitudeDegrees : null, fix.IsValid ? fix.LongitudeDegrees : null,
            fix.SpeedMetersPerSecond, fix.HeadingDegrees));
    }

    /// <summary>Records one vehicle signal decoded from CAN.</summary>
    public void Signal(string name, double value, string unit)
    {
        Write(_can, new CanRecord(_clock.GetUtcNow(), name, value, unit));
    }

    /// <summary>Records one decision.</summary>
    public void Decided(ReceiveResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var position = result.Frame?.Cam?.Cam.CamParameters.BasicContainer.ReferencePosition ?? result.Frame?.Denm?.Denm.Management.EventPosition;
        var valid = position is { } p && p.LatitudeTenthMicrodegrees != V2x.Facilities.ItsContainer.ReferencePosition.LatitudeUnavailable;
        Write(_decisions, new DecisionRecord(result.DecidedAt, result.ReceivedAt, result.Source, result.StationId, result.Psid?.Value,
            result.Frame?.Denm is not null ? "DENM" : result.Frame?.Cam is not null ? "CAM" : null,
            result.Outcome.ToString(), result.Stage.ToString(), result.Reason.ToString(), result.Detail, result.Decision?.ToString(),
            result.Row is { } r ? (int)r : null, result.ReportLevel?.ToString(), result.Assurance, result.Counter,
            valid ? position!.Value.LatitudeTenthMicrodegrees / 1e7 : null, valid ? position!.Value.LongitudeTenthMicrodegrees / 1e7 : null, result.GenerationTime));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _flush.Dispose();
            foreach (var w in new[] { _decisions, _sent, _gnss, _can })
            {
                w.Dispose();
            }
        }
    }

    private void Sent(SendResult result) =>
        Write(_sent, new SentRecord(result.Time, result.Psid.Value, result.Status.ToString(), result.Level.ToString(), result.Counter, result.Detail));

    private StreamWriter Open(string name) =>
        new(new FileStream(Path.Combine(Folder, name), FileMode.CreateNew, FileAccess.Write, FileShare.Read)) { AutoFlush = false };

    private void Write<T>(StreamWriter writer, T record)
    {
        var line = JsonSerializer.Serialize(record, RecordingFiles.Json);
        lock (_lock)
        {
            if (!_disposed)
            {
                writer.WriteLine(line);
            }
        }
    }

    private void Flush()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            foreach (var w in new[] { _decisions, _sent, _gnss, _can })
            {
                w.Flush();
            }
        }
    }
}
