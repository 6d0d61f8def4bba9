using System.Text.Json;
using System.Threading.Channels;
using Firmware.Application.Decisions;
using Firmware.Application.Eebl;
using Firmware.Application.Misbehaviour;
using Firmware.Application.Receiving;
using V2x.Security;

namespace Bench.Reporting;

/// <summary>
/// The bench's books: every final decision of every receiver, with the sender named by the radio source it
/// came from and the phase it arrived in, kept in memory for the live table and the summary and appended to a
/// JSON Lines log (one object per decision, with the pipeline's stage, reason and detail). Thread-safe:
/// receivers decide on their own threads; a line is serialized to UTF-8 on the receiver's thread outside the ledger's
/// lock and written to the log by one writer task, in the entries' order (a SUMO run's 100 OBUs record thousands a
/// second: serialized straight to UTF-8, a line costs about a third of the memory a string and its transcoding did).
/// </summary>
public sealed class DecisionLedger : IDisposable
{
    private static readonly JsonSerializerOptions Json = SummaryJson.Options;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Name, SenderKind Kind)> _sources = new(StringComparer.Ordinal);
    private readonly List<LedgerEntry> _entries = [];
    private readonly List<BrakeEntry> _brakes = [];
    private readonly Dictionary<HashedId8, string> _signers = [];
    private readonly Dictionary<HashedId8, (string Name, SenderKind Kind)> _tickets = [];
    private readonly List<(string Receiver, MisbehaviourFinding Finding)> _findings = [];
    private readonly Stream? _log;
    private readonly Channel<byte[]> _lines = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private DateTimeOffset? _tamperedAt;
    private long _deferred;

    /// <summary>A ledger that also appends every decision to <paramref name="log"/> as UTF-8 JSON Lines (null for none; the ledger owns it).</summary>
    public DecisionLedger(Stream? log = null)
    {
        _log = log;
        _writer = log is null ? Task.CompletedTask : Task.Run(WriteLinesAsync);
    }

    /// <summary>When the tampered phase began (null while clean).</summary>
    public DateTimeOffset? TamperedAt
    {
        get
        {
            lock (_lock)
            {
                return _tamperedAt;
            }
        }
    }

    /// <summary>Every entry as it is recorded, with the receiver's result it came from (raised outside the ledger's lock; the live view listens).</summary>
    public event Action<LedgerEntry, ReceiveResult>? Recorded;

    /// <summary>Raised once when the tampered phase begins, with its time.</summary>
    public event Action<DateTimeOffset>? TamperedPhaseBegan;

    /// <summary>Frames deferred for a certificate so far (each is decided later, and that decision is an entry).</summary>
    public long Deferred => Interlocked.Read(ref _deferred);

    /// <summary>Names a radio source (a "127.0.0.1:PORT" endpoint).</summary>
    public void AddSource(string source, string name, SenderKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_lock)
        {
            _sources[source] = (name, kind);
        }
    }

    /// <summary>Starts the tampered phase at <paramref name="time"/>.</summary>
    public void BeginTamperedPhase(DateTimeOffset time)
    {
        lock (_lock)
        {
            if (_tamperedAt is not null)
            {
                return;
            }

            _tamperedAt = time;
        }

        TamperedPhaseBegan?.Invoke(time);
    }

    /// <summary>Records one decision of <paramref name="receiver"/>.</summary>
    public void Record(string receiver, ReceiveResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Outcome == ReceiveOutcome.Deferred)
        {
            Interlocked.Increment(ref _deferred);
            return;
        }

        // The line is serialized outside the lock (the OBUs' receive workers record at once); the entry and its line
        // are added together under it, so the log's order is the entries' order.
        string name;
        SenderKind kind;
        DemoPhase phase;
        lock (_lock)
        {
            (name, kind) = _sources.TryGetValue(result.Source, out var known) ? known : (result.Source, SenderKind.Unknown);
            phase = _tamperedAt is { } t && result.ReceivedAt >= t ? DemoPhase.Tampered : DemoPhase.Clean;
        }

        var entry = new LedgerEntry(receiver, name, kind, phase, result.ReceivedAt, result.DecidedAt, MessageName(result.Psid),
            result.Outcome, result.Decision ?? TrustDecision.Discard, result.Row, result.Stage, result.Reason, result.ReportLevel,
            result.Posture, result.Frame?.IntegrityReport?.Posture.Severity, result.Signer, result.Counter, result.Unverified,
            result.Arrival == 0 ? null : Math.Round(TimeProvider.System.GetElapsedTime(result.Arrival).TotalMilliseconds, 2));
        var line = _log is null ? null : JsonSerializer.SerializeToUtf8Bytes(new
        {
            entry.Receiver,
            entry.Sender,
            entry.Kind,
            entry.Phase,
            entry.ReceivedAt,
            entry.DecidedAt,
            entry.Message,
            entry.Outcome,
            entry.Decision,
            entry.Row,
            entry.Stage,
            entry.Reason,
            result.Detail,
            entry.ReportLevel,
            Posture = entry.Posture == PostureRow.None ? null : entry.Posture.ToString(),
            entry.PostureGrade,
            result.Counter,
            result.Assurance,
            Signer = result.Signer?.ToString(),
            Unverified = result.Unverified ? true : (bool?)null,
        }, Json);
        lock (_lock)
        {
            _entries.Add(entry);
            if (entry.Outcome == ReceiveOutcome.Accepted && result.Signer is { } signer && kind is SenderKind.Obu or SenderKind.Legacy)
            {
                _signers[signer] = name;
                _tickets.TryAdd(signer, (name, kind));
            }

            if (line is not null)
            {
                _lines.Writer.TryWrite(line);
            }
        }

        Recorded?.Invoke(entry, result);
    }

    /// <summary>Records a brake request of <paramref name="receiver"/>'s EEBL application (the sender named by its ticket).</summary>
    public void RecordBrake(string receiver, BrakeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            if (request.Cancelled)
            {
                return;
            }

            var sender = _signers.TryGetValue(request.Sender, out var name) ? name : request.Sender.ToString();
            var phase = _tamperedAt is { } t && request.Time >= t ? DemoPhase.Tampered : DemoPhase.Clean;
            _brakes.Add(new BrakeEntry(receiver, sender, phase, request.Response));
        }
    }

    /// <summary>Names a ticket the bench issued (the ghost's), so findings about it are named before its first accepted frame.</summary>
    public void AddTicket(HashedId8 ticket, string name, SenderKind kind)
    {
        lock (_lock)
        {
            _tickets[ticket] = (name, kind);
        }
    }

    /// <summary>Records a local misbehaviour detection finding of <paramref name="receiver"/>.</summary>
    public void RecordFinding(string receiver, MisbehaviourFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        lock (_lock)
        {
            _findings.Add((receiver, finding));
        }
    }

    /// <summary>Every finding so far, its subject named by the tickets the receivers accepted frames under (resolved now).</summary>
    public IReadOnlyList<FindingEntry> Findings()
    {
        lock (_lock)
        {
            return [.. _findings.Select(f =>
            {
                var (name, kind) = _tickets.TryGetValue(f.Finding.Subject, out var known) ? known : (f.Finding.Subject.ToString(), SenderKind.Unknown);
                return new FindingEntry(f.Receiver, name, kind, f.Finding.Observation.ToString(), f.Finding.At, f.Finding.Detail);
            })];
        }
    }

    /// <summary>Every brake request so far.</summary>
    public IReadOnlyList<BrakeEntry> Brakes()
    {
        lock (_lock)
        {
            return [.. _brakes];
        }
    }

    /// <summary>Every entry so far, in the order decided.</summary>
    public IReadOnlyList<LedgerEntry> Snapshot()
    {
        lock (_lock)
        {
            return [.. _entries];
        }
    }

    /// <summary>Writes the lines recorded so far, flushes and closes the log.</summary>
    public void Dispose()
    {
        _lines.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
        _log?.Dispose();
    }

    // The log's one writer: the lines in the order they were recorded.
    private async Task WriteLinesAsync()
    {
        await foreach (var line in _lines.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            _log!.Write(line);
            _log.WriteByte((byte)'\n');
        }
    }

    private static string MessageName(Psid? psid) => psid switch
    {
        null => "?",
        { } p when p == Psid.Cam => "CAM",
        { } p when p == Psid.Denm => "DENM",
        { } p => $"PSID {p}",
    };
}
