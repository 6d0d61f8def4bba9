using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Bench.Reporting;

namespace Bench.Demo;

/// <summary>
/// How the parts of one scenario (<see cref="DemoPart"/>) find each other on the shared medium: each part multicasts
/// its roster — the radio sources of its stations with their names and kinds, whether its stations are up, and (part 1)
/// the common start — as one JSON datagram every half second to the radio's group on the radio port + 1 (the radio
/// port itself carries only Ethernet frames; TTL 1, as the radio). Like the naming of radio sources in one process, the
/// roster is the bench's bookkeeping, not the receivers': no security decision reads it. A datagram that is not a
/// roster of this scenario is counted and ignored; a roster of another scenario (other seed, OBUs, duration or scan
/// period) on the same group and port is a setup error the agreement reports.
/// </summary>
internal sealed class PartRoster : IAsyncDisposable
{
    private const int MaxDatagram = 8192;
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);
    private readonly Socket _receive;
    private readonly Socket _send;
    private readonly IPEndPoint _destination;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<int, Message> _heard = new();
    private readonly Task _listen;
    private readonly Task _announce;
    private readonly Lock _gate = new();
    private Message _mine;
    private string? _foreign;
    private long _ignored;

    public PartRoster(IPAddress group, int port, IPAddress interfaceAddress, DemoPart part, string scenario, IReadOnlyList<Station> stations, TimeProvider clock)
    {
        _clock = clock;
        _destination = new IPEndPoint(group, port);
        _mine = new Message(scenario, part.Index, part.Count, [.. stations], Ready: false, StartAt: null, ExactReplays: 0, AlteredReplays: 0);
        _receive = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _send = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // As the UDP multicast radio (Hardware/Radio/UdpMulticastRadioLink): every part on a host shares the port.
            _receive.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _receive.Bind(new IPEndPoint(IPAddress.Any, port));
            _receive.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group, interfaceAddress));
            _send.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, interfaceAddress.GetAddressBytes());
            _send.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
            _send.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 1);
            _send.Bind(new IPEndPoint(interfaceAddress, 0));
        }
        catch
        {
            _receive.Dispose();
            _send.Dispose();
            throw;
        }

        _listen = Task.Run(ListenAsync);
        _announce = Task.Run(AnnounceAsync);
    }

    /// <summary>Datagrams on the roster port that were not a roster (counted, ignored).</summary>
    public long Ignored => Interlocked.Read(ref _ignored);

    /// <summary>Every station of the other parts heard so far, by radio source.</summary>
    public IReadOnlyList<Station> PeerStations(DemoPart self) =>
        [.. _heard.Values.Where(m => m.Part != self.Index).OrderBy(m => m.Part).SelectMany(m => m.Stations)];

    /// <summary>The replays the other parts' attacker says it has sent so far (exact, altered).</summary>
    public (long Exact, long Altered) PeerReplays(DemoPart self) =>
        (_heard.Values.Where(m => m.Part != self.Index).Sum(m => m.ExactReplays), _heard.Values.Where(m => m.Part != self.Index).Sum(m => m.AlteredReplays));

    /// <summary>Updates the replays this part's attacker has sent (announced from the next datagram on).</summary>
    public void ReportReplays(long exact, long altered) => Update(m => m with { ExactReplays = exact, AlteredReplays = altered });

    /// <summary>Says that this part's stations are up (enrolled, sending).</summary>
    public void MarkReady() => Update(m => m with { Ready = true });

    /// <summary>
    /// Waits until every part has said it is ready and part 1 has announced the common start (part 1 announces it,
    /// <paramref name="lead"/> ahead, once it has heard every part ready), and returns it.
    /// </summary>
    /// <exception cref="TimeoutException">A part was not heard within <paramref name="timeout"/> (the message says which).</exception>
    /// <exception cref="InvalidOperationException">Another scenario's part answers on this group and port.</exception>
    public async Task<DateTimeOffset> AgreeOnStartAsync(DemoPart self, TimeSpan lead, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _clock.GetUtcNow() + timeout;
        while (true)
        {
            if (_foreign is { } other)
            {
                throw new InvalidOperationException($"another scenario answers on the roster port {_destination}: '{other}' (this part runs '{_mine.Scenario}')");
            }

            var ready = Enumerable.Range(1, self.Count).All(p => p == self.Index ? _mine.Ready : _heard.TryGetValue(p, out var m) && m.Ready);
            if (self.IsCoordinator && ready && _mine.StartAt is null)
            {
                var startAt = _clock.GetUtcNow() + lead;
                Update(m => m with { StartAt = startAt });
                await SendAsync(cancellationToken).ConfigureAwait(false);
            }

            var start = self.IsCoordinator ? _mine.StartAt : _heard.TryGetValue(1, out var first) ? first.StartAt : null;
            if (ready && start is { } at)
            {
                return at;
            }

            var now = _clock.GetUtcNow();
            if (now >= deadline)
            {
                var missing = Enumerable.Range(1, self.Count).Where(p => p != self.Index && !(_heard.TryGetValue(p, out var m) && m.Ready)).ToList();
                throw new TimeoutException($"part {self} heard no ready roster from part(s) {string.Join(", ", missing)} on {_destination} within {timeout.TotalSeconds:0} s"
                    + (missing.Count == 0 ? " (nor the start from part 1)" : string.Empty) + $"; {Ignored} other datagram(s) ignored");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), _clock, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _receive.Dispose();
        _send.Dispose();
        await Task.WhenAll(_listen, _announce).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ListenAsync()
    {
        var buffer = new byte[MaxDatagram + 1];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult r;
            try
            {
                r = await _receive.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Message? message = null;
            try
            {
                message = r.ReceivedBytes <= MaxDatagram ? JsonSerializer.Deserialize<Message>(buffer.AsSpan(0, r.ReceivedBytes), SummaryJson.Options) : null;
            }
            catch (JsonException)
            {
                // Not a roster: counted below.
            }

            if (message is null || message.Stations is null || message.Scenario is null || message.ExactReplays < 0 || message.AlteredReplays < 0 || message.Part < 1 || message.Part > message.Parts || message.Parts > DemoPart.MaxParts
                || message.Stations.Any(s => s is null || string.IsNullOrWhiteSpace(s.Source) || string.IsNullOrWhiteSpace(s.Name) || !Enum.IsDefined(s.Kind)))
            {
                Interlocked.Increment(ref _ignored);
                continue;
            }

            if (message.Scenario != _mine.Scenario || message.Parts != _mine.Parts)
            {
                _foreign = $"{message.Scenario}, part {message.Part}/{message.Parts}";
                continue;
            }

            _heard[message.Part] = message;
        }
    }

    private async Task AnnounceAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await SendAsync(_stop.Token).ConfigureAwait(false);
                await Task.Delay(Period, _clock, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // A transient send failure (the interface briefly down): the next period tries again.
                await Task.Delay(Period, _clock, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private void Update(Func<Message, Message> change)
    {
        lock (_gate)
        {
            _mine = change(_mine);
        }
    }

    private async Task SendAsync(CancellationToken cancellationToken) =>
        await _send.SendToAsync(JsonSerializer.SerializeToUtf8Bytes(_mine, SummaryJson.Options), SocketFlags.None, _destination, cancellationToken).ConfigureAwait(false);

    /// <summary>One station of a part: its radio source ("ADDRESS:PORT"), name and kind.</summary>
    internal sealed record Station(string Source, string Name, SenderKind Kind);

    /// <summary>One part's roster datagram.</summary>
    internal sealed record Message(string Scenario, int Part, int Parts, List<Station> Stations, bool Ready, DateTimeOffset? StartAt, long ExactReplays, long AlteredReplays);
}
