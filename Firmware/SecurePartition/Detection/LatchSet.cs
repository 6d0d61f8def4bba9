using Firmware.SecurePartition.Encoding;
using Firmware.SecurePartition.Policy;
using Hardware.Storage;
using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>
/// The latches of the IDF, persisted under "idf.latches" so that a restart (or a crash the rich
/// side provokes) clears nothing. Rules (Docs/secure-partition.md, "Levels and latches"):
/// <list type="bullet">
/// <item>Any detection at or above anomaly latches its detector at the worst level seen.</item>
/// <item>Transient latches clear only after <see cref="DetectionPolicy.CleanScansToClear"/>
/// consecutive clean periodic full scans and at least <see cref="DetectionPolicy.LatchHoldTime"/>
/// since the detection. Scans a client requests never count, so no request can age a latch.</item>
/// <item>Integrity latches clear only at a boot whose measured boot is clean after a re-flash
/// (a flash generation newer than the latch); tamper latches additionally need the hardware
/// tamper latch cleared.</item>
/// </list>
/// Not thread-safe: the IDF serialises calls.
/// </summary>
public sealed class LatchSet
{
    private const string Key = "idf.latches";
    private readonly IDurableStore _store;
    private readonly Dictionary<DetectorFlags, Latch> _latches = [];

    /// <summary>
    /// Loads the latches; a corrupt record latches every detector at compromised (fail closed),
    /// at the running flash generation so that only a later re-flash can clear the persistent ones.
    /// </summary>
    public LatchSet(IDurableStore store, DateTimeOffset now, ulong flashGeneration)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        try
        {
            var bytes = store.Read(Key);
            if (bytes is not null)
            {
                foreach (var l in Decode(bytes))
                {
                    _latches[l.Detector] = l;
                }
            }
        }
        catch (Exception e) when (e is MalformedDataException or StorageException)
        {
            foreach (var d in Detectors.InOrder)
            {
                _latches[d] = new Latch(d, IntegrityLevel.Compromised, now, now, 0, flashGeneration, "latch record unreadable: " + e.Message);
            }

            Save();
        }
    }

    /// <summary>The latches in detector order.</summary>
    public IReadOnlyList<Latch> All => Detectors.InOrder.Where(_latches.ContainsKey).Select(d => _latches[d]).ToList();

    /// <summary>The latch of a detector, or null.</summary>
    public Latch? Of(DetectorFlags detector) => _latches.GetValueOrDefault(detector);

    /// <summary>Latches every result at or above anomaly; returns whether anything changed.</summary>
    public bool Raise(IEnumerable<DetectorResult> results, DateTimeOffset now, ulong flashGeneration)
    {
        ArgumentNullException.ThrowIfNull(results);
        var changed = false;
        foreach (var r in results.Where(r => r.Level >= IntegrityLevel.Anomaly))
        {
            var reason = r.Evidence.FirstOrDefault(e => e.Level == r.Level)?.Detail ?? r.Level.ToString();
            if (_latches.TryGetValue(r.Detector, out var l))
            {
                // LastSeen moves with every detection and is persisted, so a restart cannot shorten the hold time.
                _latches[r.Detector] = l with { Level = (IntegrityLevel)Math.Max((int)l.Level, (int)r.Level), LastSeen = now, CleanScans = 0, FlashGeneration = Math.Max(l.FlashGeneration, flashGeneration) };
                changed = true;
            }
            else
            {
                _latches[r.Detector] = new Latch(r.Detector, r.Level, now, now, 0, flashGeneration, reason);
                changed = true;
            }
        }

        if (changed)
        {
            Save();
        }

        return changed;
    }

    /// <summary>Ages transient latches after a clean periodic full scan; returns whether anything cleared.</summary>
    public bool AgeAfterPeriodicScan(IEnumerable<DetectorResult> results, DateTimeOffset now, DetectionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(policy);
        var cleanNow = results.Where(r => r.Level == IntegrityLevel.NoAnomaly && r.Status is DetectorStatus.Checked or DetectorStatus.Partial)
            .Select(r => r.Detector).ToHashSet();
        var cleared = false;
        var dirty = false;
        foreach (var l in _latches.Values.Where(l => !l.IsPersistent).ToList())
        {
            if (!cleanNow.Contains(l.Detector))
            {
                continue;
            }

            var next = l with { CleanScans = l.CleanScans + 1 };
            dirty = true;
            if (next.CleanScans >= policy.CleanScansToClear && now - l.LastSeen >= policy.LatchHoldTime)
            {
                _latches.Remove(l.Detector);
                cleared = true;
            }
            else
            {
                _latches[l.Detector] = next;
            }
        }

        if (dirty)
        {
            Save();
        }

        return cleared;
    }

    /// <summary>
    /// At boot: clears the integrity latch when the measured boot is clean after a re-flash, and the
    /// tamper latch when additionally the hardware tamper latch is clear.
    /// </summary>
    public void OnBoot(bool cleanBoot, ulong flashGeneration, bool tamperSensorClear)
    {
        var changed = false;
        foreach (var l in _latches.Values.Where(l => l.IsPersistent).ToList())
        {
            var reflashed = cleanBoot && flashGeneration > l.FlashGeneration;
            if (reflashed && (l.Detector != DetectorFlags.HsmTamper || tamperSensorClear))
            {
                _latches.Remove(l.Detector);
                changed = true;
            }
        }

        if (changed)
        {
            Save();
        }
    }

    private void Save()
    {
        var w = new ByteWriter();
        w.List(All, static (w, l) => w.U16((ushort)l.Detector).U8((byte)l.Level).Time(l.Since).Time(l.LastSeen).U32((uint)l.CleanScans).U64(l.FlashGeneration).Text(Clip(l.Reason)));
        _store.Write(Key, w.WrittenSpan);
    }

    private static string Clip(string s) => s.Length <= 200 ? s : s[..200];

    private static List<Latch> Decode(byte[] bytes)
    {
        var r = new ByteReader(bytes, "Latches");
        var list = r.List("latches", 16, static r =>
        {
            var at = r.Offset;
            var d = (DetectorFlags)r.U16("detector");
            if (!Detectors.InOrder.Contains(d))
            {
                throw r.Fail("detector", at, "unknown detector");
            }

            return new Latch(d, r.Enum<IntegrityLevel>("level"), r.Time("since"), r.Time("lastSeen"), (int)Math.Min(int.MaxValue, r.U32("cleanScans")), r.U64("generation"), r.Text("reason", 400));
        });
        r.ExpectEnd();
        return list;
    }
}
