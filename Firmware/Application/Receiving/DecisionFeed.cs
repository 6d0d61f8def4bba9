using Firmware.Application.Decisions;

namespace Firmware.Application.Receiving;

/// <summary>
/// The receiver's recent decisions, newest last, in a ring of fixed size (what the bench's live table
/// reads), and running totals by outcome, reason and decision. Thread-safe.
/// </summary>
public sealed class DecisionFeed
{
    private readonly ReceiveResult?[] _ring;
    private readonly Lock _lock = new();
    private readonly long[] _byReason = new long[Enum.GetValues<ReceiveReason>().Length];
    private readonly long[] _byDecision = new long[Enum.GetValues<TrustDecision>().Length];
    private readonly long[] _byOutcome = new long[Enum.GetValues<ReceiveOutcome>().Length];
    private long _total;

    /// <summary>Keeps the last <paramref name="capacity"/> decisions.</summary>
    public DecisionFeed(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new ReceiveResult?[capacity];
    }

    /// <summary>Decisions recorded since the start.</summary>
    public long Total
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    /// <summary>Records a decision.</summary>
    public void Add(ReceiveResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_lock)
        {
            _ring[_total % _ring.Length] = result;
            _total++;
            _byReason[(int)result.Reason]++;
            _byOutcome[(int)result.Outcome]++;
            if (result.Decision is { } d && result.Outcome == ReceiveOutcome.Accepted)
            {
                _byDecision[(int)d]++;
            }
        }
    }

    /// <summary>The recent decisions, oldest first.</summary>
    public IReadOnlyList<ReceiveResult> Snapshot()
    {
        lock (_lock)
        {
            var count = (int)Math.Min(_total, _ring.Length);
            var list = new List<ReceiveResult>(count);
            for (var i = _total - count; i < _total; i++)
            {
                list.Add(_ring[i % _ring.Length]!);
            }

            return list;
        }
    }

    /// <summary>How many decisions had this reason.</summary>
    public long Count(ReceiveReason reason)
    {
        lock (_lock)
        {
            return _byReason[(int)reason];
        }
    }

    /// <summary>How many accepted frames got this decision.</summary>
    public long Count(TrustDecision decision)
    {
        lock (_lock)
        {
            return _byDecision[(int)decision];
        }
    }

    /// <summary>How many decisions had this outcome (a deferred frame counts once deferred and once decided).</summary>
    public long Count(ReceiveOutcome outcome)
    {
        lock (_lock)
        {
            return _byOutcome[(int)outcome];
        }
    }
}
