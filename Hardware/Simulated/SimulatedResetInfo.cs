using System.Text;
using Hardware.Reset;
using Hardware.Storage;

namespace Hardware.Simulated;

/// <summary>
/// The simulated board's reset reason and crash log, kept in NVS: a crash records an entry and
/// the reason the next start reports; a start with nothing recorded reports power-on.
/// </summary>
public sealed class SimulatedResetInfo : IResetInfo
{
    private const string NextResetKey = "hw.next-reset";
    private readonly TimeProvider _time;
    private readonly IDurableStore _store;
    private readonly PersistedList<CrashLogEntry> _log;

    /// <summary>Reads (and consumes) the reset reason recorded before this start.</summary>
    public SimulatedResetInfo(TimeProvider time, IDurableStore store)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(store);
        _time = time;
        _store = store;
        _log = new PersistedList<CrashLogEntry>(store, "hw.crashlog", capacity: 16);
        var recorded = store.Read(NextResetKey);
        LastResetReason = recorded is not null && Enum.TryParse<ResetReason>(Encoding.ASCII.GetString(recorded), out var r)
            ? r
            : ResetReason.PowerOn;
        store.Delete(NextResetKey);
    }

    /// <inheritdoc />
    public ResetReason LastResetReason { get; }

    /// <inheritdoc />
    public IReadOnlyList<CrashLogEntry> ReadCrashLog(long afterSequence) => _log.Items.Where(e => e.Sequence > afterSequence).ToList();

    /// <summary>Records a crash: a log entry now, and the reason the next start reports.</summary>
    public CrashLogEntry RecordCrash(string task, ResetReason reason, string detail)
    {
        ArgumentException.ThrowIfNullOrEmpty(task);
        ArgumentNullException.ThrowIfNull(detail);
        var entry = _log.Add(items => new CrashLogEntry(items.Count == 0 ? 1 : items[^1].Sequence + 1, _time.GetUtcNow(), task, reason, detail));
        RecordNextReset(reason);
        return entry;
    }

    /// <summary>Records the reason the next start reports, without a crash entry (a requested restart).</summary>
    public void RecordNextReset(ResetReason reason) => _store.Write(NextResetKey, Encoding.ASCII.GetBytes(reason.ToString()));
}
