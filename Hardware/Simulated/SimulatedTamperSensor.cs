using Hardware.Security;
using Hardware.Storage;

namespace Hardware.Simulated;

/// <summary>The simulated secure element's tamper sensor: events persist in the board's NVS, so the latch survives restarts.</summary>
public sealed class SimulatedTamperSensor : ITamperSensor
{
    private readonly TimeProvider _time;
    private readonly PersistedList<TamperEvent> _events;

    /// <summary>Loads the tamper log from the store.</summary>
    public SimulatedTamperSensor(TimeProvider time, IDurableStore store)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _events = new PersistedList<TamperEvent>(store, "hw.tamper");
    }

    /// <inheritdoc />
    public bool IsLatched => _events.Items.Count > 0;

    /// <inheritdoc />
    public IReadOnlyList<TamperEvent> ReadSince(long afterSequence) => _events.Items.Where(e => e.Sequence > afterSequence).ToList();

    /// <summary>Raises a tamper event now (latches).</summary>
    public TamperEvent Raise(string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        return _events.Add(items => new TamperEvent(items.Count == 0 ? 1 : items[^1].Sequence + 1, _time.GetUtcNow(), source));
    }
}
