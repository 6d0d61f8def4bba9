using System.Text.Json;

namespace Hardware.Hmi;

/// <summary>
/// Alerts for an HMI process that is not this one: every raise and clear is appended to a file as one JSON
/// line (<c>{"time":"…","event":"raise","id":"…","severity":"Critical","text":"…","visual":true,"audible":true}</c>,
/// <c>"event":"clear"</c> with the id), flushed at once, so a dashboard service can follow the file (or a
/// FIFO it created at that path). Keeps the active set like the simulated output. Thread-safe.
/// </summary>
public sealed class JsonLinesAlertOutput : IAlertOutput
{
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HmiAlert> _active = new(StringComparer.Ordinal);

    /// <summary>Appends to <paramref name="path"/> (created when missing).</summary>
    public JsonLinesAlertOutput(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(time);
        _path = path;
        _time = time;
    }

    /// <summary>The alerts raised and not cleared.</summary>
    public IReadOnlyList<HmiAlert> Active
    {
        get
        {
            lock (_lock)
            {
                return [.. _active.Values];
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Raise(HmiAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        lock (_lock)
        {
            _active[alert.Id] = alert;
            Append(new Dictionary<string, object>
            {
                ["time"] = _time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["event"] = "raise",
                ["id"] = alert.Id,
                ["severity"] = alert.Severity.ToString(),
                ["text"] = alert.Text,
                ["visual"] = alert.Visual,
                ["audible"] = alert.Audible,
            });
        }
    }

    /// <inheritdoc />
    /// <exception cref="IOException">The file cannot be written.</exception>
    public bool Clear(string alertId)
    {
        ArgumentNullException.ThrowIfNull(alertId);
        lock (_lock)
        {
            if (!_active.Remove(alertId))
            {
                return false;
            }

            Append(new Dictionary<string, object>
            {
                ["time"] = _time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["event"] = "clear",
                ["id"] = alertId,
            });
            return true;
        }
    }

    private void Append(Dictionary<string, object> line)
    {
        using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        using var writer = new StreamWriter(stream);
        writer.WriteLine(JsonSerializer.Serialize(line));
        writer.Flush();
    }
}
