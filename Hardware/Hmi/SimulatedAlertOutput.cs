namespace Hardware.Hmi;

/// <summary>The simulated dashboard: records every raise and clear, and knows which alerts are active. Thread-safe.</summary>
public sealed class SimulatedAlertOutput : IAlertOutput
{
    private readonly TimeProvider _time;
    private readonly List<AlertEvent> _events = [];
    private readonly Dictionary<string, HmiAlert> _active = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Creates the output.</summary>
    public SimulatedAlertOutput(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>Every raise and clear so far, oldest first.</summary>
    public IReadOnlyList<AlertEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return _events.ToList();
            }
        }
    }

    /// <summary>The alerts raised and not cleared.</summary>
    public IReadOnlyList<HmiAlert> Active
    {
        get
        {
            lock (_lock)
            {
                return _active.Values.ToList();
            }
        }
    }

    /// <inheritdoc />
    public void Raise(HmiAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentException.ThrowIfNullOrEmpty(alert.Id, nameof(alert));
        lock (_lock)
        {
            _active[alert.Id] = alert;
            _events.Add(new AlertEvent(_time.GetUtcNow(), true, alert));
        }
    }

    /// <inheritdoc />
    public bool Clear(string alertId)
    {
        ArgumentNullException.ThrowIfNull(alertId);
        lock (_lock)
        {
            if (!_active.Remove(alertId, out var alert))
            {
                return false;
            }

            _events.Add(new AlertEvent(_time.GetUtcNow(), false, alert));
            return true;
        }
    }
}
