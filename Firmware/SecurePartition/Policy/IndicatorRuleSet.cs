using Firmware.SecurePartition.Encoding;
using Hardware.Storage;

namespace Firmware.SecurePartition.Policy;

/// <summary>
/// The indicator deny rules deployed into the IDF (ITU-T X.1382 §9.3.1.4 c), persisted under
/// <see cref="StoreKey"/> with one atomic write per update, so a restart keeps them. Rules only add
/// findings: the OEM-signed <see cref="DetectionPolicy"/>, the latches and the allow-lists are out of
/// their reach. Bounded (<see cref="MaxIndicators"/>, <see cref="MaxRules"/>, <see cref="MaxEncodedBytes"/>)
/// so that a flood of updates cannot exhaust the partition's durable store. Thread-safe.
/// </summary>
public sealed class IndicatorRuleSet
{
    /// <summary>The durable record.</summary>
    public const string StoreKey = "idf.indicators";

    /// <summary>Most indicators deployed at once.</summary>
    public const int MaxIndicators = IndicatorRuleCodec.MaxEntries;

    /// <summary>Most rules deployed at once.</summary>
    public const int MaxRules = 256;

    /// <summary>Largest stored record (it shares the board's small NVS with keys, counters and latches).</summary>
    public const int MaxEncodedBytes = 4096;

    private readonly IDurableStore _store;
    private readonly Lock _lock = new();
    private Dictionary<Guid, IndicatorEntry> _entries = [];

    /// <summary>
    /// Loads the deployed rules. An unreadable record leaves the set empty with <see cref="Problem"/>
    /// set (the IDF reports it as an integrity anomaly) until the next update rewrites the record.
    /// </summary>
    public IndicatorRuleSet(IDurableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        try
        {
            if (store.Read(StoreKey) is { } bytes)
            {
                var (revision, entries) = IndicatorRuleCodec.DecodeSet(bytes);
                Revision = revision;
                _entries = entries.ToDictionary(e => e.IndicatorId);
            }
        }
        catch (Exception e) when (e is MalformedDataException or StorageException)
        {
            Problem = "the indicator rule record is unreadable: " + e.Message;
        }
    }

    /// <summary>Revision of the deployed set (0 before the first update).</summary>
    public uint Revision { get; private set; }

    /// <summary>Why the stored rules could not be read, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>Every deployed entry, ordered by indicator id.</summary>
    public IReadOnlyList<IndicatorEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return _entries.Values.OrderBy(e => e.IndicatorId).ToList();
            }
        }
    }

    /// <summary>The entries whose validity window contains <paramref name="now"/>.</summary>
    public IReadOnlyList<IndicatorEntry> ActiveAt(DateTimeOffset now)
    {
        lock (_lock)
        {
            return _entries.Values.Where(e => e.IsActiveAt(now)).OrderBy(e => e.IndicatorId).ToList();
        }
    }

    /// <summary>
    /// Applies an update as a whole: removals, then upserts (a version older than the deployed one is
    /// ignored and counted, the same version again changes nothing), and drops entries expired at <paramref name="now"/>. Nothing changes
    /// when the result would exceed the bounds or the store fails.
    /// </summary>
    /// <exception cref="PartitionException"><see cref="PartitionError.NotPermitted"/> when the result exceeds the bounds; <see cref="PartitionError.StorageFailure"/> when it cannot be stored.</exception>
    public IndicatorRuleSetState Apply(IndicatorRuleUpdate update, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_lock)
        {
            var next = new Dictionary<Guid, IndicatorEntry>(_entries);
            foreach (var id in update.Removals)
            {
                next.Remove(id);
            }

            var stale = 0;
            foreach (var entry in update.Upserts)
            {
                if (next.TryGetValue(entry.IndicatorId, out var deployed) && deployed.Modified >= entry.Modified)
                {
                    // The same version again is a no-op (a re-polled page); an older one is stale.
                    stale += deployed.Modified > entry.Modified ? 1 : 0;
                    continue;
                }

                next[entry.IndicatorId] = entry;
            }

            foreach (var expired in next.Values.Where(e => e.IsExpiredAt(now)).Select(e => e.IndicatorId).ToList())
            {
                next.Remove(expired);
            }

            var rules = next.Values.Sum(e => e.Rules.Count);
            if (next.Count > MaxIndicators || rules > MaxRules)
            {
                throw new PartitionException(PartitionError.NotPermitted,
                    $"The indicator rules would hold {next.Count} indicators and {rules} rules (at most {MaxIndicators} and {MaxRules}).");
            }

            var changed = Problem is not null || next.Count != _entries.Count || next.Any(p => !_entries.TryGetValue(p.Key, out var old) || !ReferenceEquals(old, p.Value));
            if (changed)
            {
                var revision = Revision + 1;
                var bytes = IndicatorRuleCodec.EncodeSet(revision, next.Values.OrderBy(e => e.IndicatorId).ToList());
                if (bytes.Length > MaxEncodedBytes)
                {
                    throw new PartitionException(PartitionError.NotPermitted,
                        $"The indicator rules would take {bytes.Length} bytes (at most {MaxEncodedBytes}).");
                }

                try
                {
                    _store.Write(StoreKey, bytes);
                }
                catch (StorageException e)
                {
                    throw new PartitionException(PartitionError.StorageFailure, "The indicator rules could not be stored: " + e.Message, e);
                }

                _entries = next;
                Revision = revision;
                Problem = null;
            }

            return new IndicatorRuleSetState(Revision, _entries.Count, _entries.Values.Sum(e => e.Rules.Count), stale);
        }
    }
}
