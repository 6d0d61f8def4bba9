using System.Collections.Concurrent;
using Firmware.Application.Node;
using Firmware.Application.Receiving;
using V2x.Security;

namespace Bench.Misbehaviour;

/// <summary>
/// What <see cref="RevocationRun"/> watches: each receiver's decisions (counted, so the run knows when a step is decided),
/// its findings (so the run waits for the reports they cause), and when it first rejected a station's frame as revoked.
/// </summary>
internal sealed class RevocationRunState(int receivers)
{
    private readonly long[] _decided = new long[receivers];
    private readonly long[] _expected = new long[receivers];
    private readonly int[] _found = new int[receivers];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly ConcurrentDictionary<(int, string), DateTimeOffset> _firstRevoked = new();
    private readonly Dictionary<(int, string), DateTimeOffset> _lastHeard = [];
    private readonly Dictionary<string, DateTimeOffset> _firstSent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, ConcurrentQueue<DateTimeOffset>> _refreshes = new();
    private Dictionary<uint, string> _byStationId = [];
    private Dictionary<HashedId8, string> _byTicket = [];

    /// <summary>The senders, by label; set before the traffic starts.</summary>
    public IReadOnlyDictionary<HashedId8, EvaluationSender> Senders
    {
        set
        {
            _byStationId = value.ToDictionary(kv => (uint)kv.Key.Value, kv => kv.Value.Station);
            _byTicket = value.Values.ToDictionary(s => s.Ticket.HashedId8, s => s.Station);
        }
    }

    /// <summary>Follows receiver <paramref name="index"/>'s decisions and findings.</summary>
    public void Watch(int index, ObuNode node, TimeProvider clock)
    {
        var refreshes = _refreshes.GetOrAdd(index, _ => new ConcurrentQueue<DateTimeOffset>());
        node.Crls!.Refreshed += _ => refreshes.Enqueue(clock.GetUtcNow());
        node.Misbehaviour.Found += _ => Interlocked.Exchange(ref _found[index], 1);
        node.Receiver.Decided += result =>
        {
            if (result.Outcome == ReceiveOutcome.Deferred)
            {
                return;
            }

            if (result.Outcome == ReceiveOutcome.Rejected && result.Reason == ReceiveReason.Revoked && Station(result) is { } station)
            {
                _firstRevoked.TryAdd((index, station), result.DecidedAt);
            }

            Interlocked.Increment(ref _decided[index]);
            _signal.Release();
        };
    }

    /// <summary>A frame of <paramref name="station"/> reaches receiver <paramref name="index"/> at <paramref name="at"/>.</summary>
    public void Heard(int index, string station, DateTimeOffset at) => _lastHeard[(index, station)] = at;

    /// <summary>A frame of <paramref name="sender"/> goes out at <paramref name="at"/>.</summary>
    public void Sent(EvaluationSender sender, DateTimeOffset at) => _firstSent.TryAdd(sender.Station, at);

    /// <summary>When the station's first frame went out.</summary>
    public DateTimeOffset? FirstSent(string station) => _firstSent.TryGetValue(station, out var at) ? at : null;

    /// <summary>Receiver <paramref name="index"/>'s first CRL refresh at or after <paramref name="at"/>, or null.</summary>
    public DateTimeOffset? RefreshAfter(int index, DateTimeOffset at) =>
        _refreshes.TryGetValue(index, out var times) ? times.Where(t => t >= at).Select(t => (DateTimeOffset?)t).Min() : null;

    /// <summary>When receiver <paramref name="index"/> last heard the station.</summary>
    public DateTimeOffset? LastHeard(int index, string station) => _lastHeard.TryGetValue((index, station), out var at) ? at : null;

    /// <summary>When receiver <paramref name="index"/> first rejected the station's frame as revoked.</summary>
    public DateTimeOffset? FirstRevoked(int index, string station) => _firstRevoked.TryGetValue((index, station), out var at) ? at : null;

    /// <summary>Whether receiver <paramref name="index"/> found something since the last call (and clears it).</summary>
    public bool TakeFound(int index) => Interlocked.Exchange(ref _found[index], 0) == 1;

    /// <summary>Waits until every receiver decided the frames sent to it so far plus <paramref name="more"/>.</summary>
    /// <exception cref="TimeoutException">A receiver did not decide within a minute of real time.</exception>
    public async Task WaitAsync(int[] more, CancellationToken cancellationToken)
    {
        for (var r = 0; r < more.Length; r++)
        {
            _expected[r] += more[r];
        }

        while (Enumerable.Range(0, more.Length).Any(r => Interlocked.Read(ref _decided[r]) < _expected[r]))
        {
            if (!await _signal.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false))
            {
                var late = Enumerable.Range(0, more.Length).Where(r => Interlocked.Read(ref _decided[r]) < _expected[r])
                    .Select(r => $"rx-{r + 1} decided {Interlocked.Read(ref _decided[r])} of {_expected[r]}");
                throw new TimeoutException("receivers did not decide every frame within a minute: " + string.Join(", ", late));
            }
        }
    }

    private string? Station(ReceiveResult result) =>
        result.Signer is { } signer && _byTicket.TryGetValue(signer, out var s) ? s
            : result.StationId is { } id && _byStationId.TryGetValue(id, out var t) ? t : null;
}
