using System.Net;
using Bench.Demo;
using Bench.Flood;
using Bench.Reporting;
using Bench.Stations;
using Hardware.Positioning;
using Hardware.Radio;
using PkiProtocol.Audit;
using PkiProtocol.Client;
using V2x.GeoNetworking;
using V2x.Link;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;

namespace Bench.Attacks;

/// <summary>
/// A flooder riding with a SUMO vehicle (issue 15's attack library, issue 10's floods in traffic): its frames leave from
/// where the vehicle is, so only the OBUs in its radio range hear them. Built with the flood bench's own frames
/// (<see cref="FloodTraffic"/>'s CAM, <see cref="ForgingKey"/>):
/// <list type="bullet">
/// <item>forged-signature flood: it listens in its range and keeps the tickets the OBUs around it send (their certificate,
/// once a second, TS 103 097 v2.1.1 §7.1.1); it sends CAMs under those tickets' digests, which the receivers have cached,
/// with random signature octets (no private key of theirs);</item>
/// <item>valid-ticket flood: it holds tickets the bench PKI's AA issued (valid, never on the air before), and sends CAMs
/// carrying them, each signed by its own other key.</item>
/// </list>
/// At <c>rate</c> frames per second of simulation from its start to its end (sent in bursts each tenth of a second).
/// </summary>
public sealed class FloodStation : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private readonly SumoAttackKind _kind;
    private readonly double _rate;
    private readonly TimeProvider _clock;
    private readonly IPositionSource _rides;
    private readonly UdpMulticastRadioLink _send;
    private readonly IRadioLink? _hears;
    private readonly List<IDisposable> _owned;
    private readonly List<SpduSigner> _signers;
    private readonly HashSet<HashedId8> _known = [];
    private readonly int _victims;
    private readonly Random _random;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private ITimer? _timer;
    private Task _listening = Task.CompletedTask;
    private DateTimeOffset _from;
    private DateTimeOffset _until;
    private long _sent;
    private int _disposed;

    private FloodStation(SumoAttackKind kind, double rate, TimeProvider clock, IPositionSource rides, UdpMulticastRadioLink send, IRadioLink? hears, List<IDisposable> owned,
        List<SpduSigner> signers, int victims, int seed)
    {
        _kind = kind;
        _rate = rate;
        _clock = clock;
        _rides = rides;
        _send = send;
        _hears = hears;
        _owned = owned;
        _signers = signers;
        _victims = victims;
        _random = new Random(seed);
    }

    /// <summary>The flooder's name in the ledger (one per kind: one flood of each kind per SUMO scenario).</summary>
    public static string Name(SumoAttackKind kind) => kind == SumoAttackKind.ForgedSignatureFlood ? "flooder-forged" : "flooder-valid";

    /// <summary>Frames sent.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>The tickets it signs under: heard in range (forged-signature flood) or from the AA (valid-ticket flood).</summary>
    public int Tickets
    {
        get
        {
            lock (_lock)
            {
                return _signers.Count;
            }
        }
    }

    /// <summary>
    /// A flooder of <paramref name="kind"/> riding with <paramref name="rides"/> on the bench radio, registered in the
    /// ledger, its sending radio placed at the vehicle (<paramref name="transmits"/>). A valid-ticket flooder enrols at the
    /// bench PKI as a station of its own and gets <paramref name="tickets"/> tickets; a forged-signature flooder keeps up
    /// to <paramref name="tickets"/> tickets it hears.
    /// </summary>
    public static async Task<FloodStation> CreateAsync(SumoAttackKind kind, double rate, int tickets, DecisionLedger ledger, IPAddress group, int port, TimeProvider clock, int seed,
        IPositionSource rides, RadioRange? range, Action<IPEndPoint, IPositionSource>? transmits, DemoPki pki, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rate, 0);
        var owned = new List<IDisposable>();
        try
        {
            var send = new UdpMulticastRadioLink(DemoStations.Radio(group, port, clock, null));
            owned.Add(send);
            ledger.AddSource(send.LocalEndPoint.ToString(), Name(kind), SenderKind.Flood);
            transmits?.Invoke(send.LocalEndPoint, rides);
            IRadioLink? hears = null;
            var signers = new List<SpduSigner>();
            if (kind == SumoAttackKind.ForgedSignatureFlood)
            {
                var listen = new UdpMulticastRadioLink(DemoStations.Radio(group, port, clock, null));
                owned.Add(listen);
                hears = range is null ? listen : new RangeLimitedRadioLink(listen, rides, range, f => V2x.Stack.SenderPosition.Read(f));
            }
            else
            {
                var own = EcdsaP256SignatureKey.Generate();
                owned.Add(own);
                foreach (var ticket in await TicketsAsync(Name(kind), pki, clock, tickets, cancellationToken).ConfigureAwait(false))
                {
                    signers.Add(new SpduSigner(new ForgingKey(ticket.ToBeSigned.VerifyKeyIndicator.VerificationKey!, own, new Random(seed)), ticket));
                }
            }

            return new FloodStation(kind, rate, clock, rides, send, hears, owned, signers, tickets, seed);
        }
        catch
        {
            owned.ForEach(o => o.Dispose());
            throw;
        }
    }

    /// <summary>Floods from <paramref name="from"/> to <paramref name="until"/> (a forged-signature flooder listens from now on).</summary>
    public void Start(DateTimeOffset from, DateTimeOffset until)
    {
        (_from, _until) = (from, until);
        if (_hears is not null)
        {
            _listening = Task.Run(() => ListenAsync(_stop.Token));
        }

        _timer = _clock.CreateTimer(_ => _ = SendDueAsync(), null, Tick, Tick);
    }

    /// <summary>Stops sending and listening, closes its radios.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _sending.WaitAsync().ConfigureAwait(false);
        try
        {
            await _listening.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _stop.Dispose();
    }

    // The valid tickets: enrolled as a station of its own (the AA issues to any enrolled station), then one ticket per fresh key.
    private static async Task<IReadOnlyList<Certificate>> TicketsAsync(string name, DemoPki pki, TimeProvider clock, int count, CancellationToken cancellationToken)
    {
        using var canonical = EcdsaP256SignatureKey.Generate();
        using var ecKey = EcdsaP256SignatureKey.Generate();
        pki.Register(name, canonical.PublicKey, new IdfImplementation("Flood Motors", "Flooder", "1.0"));
        using var http = pki.Client();
        var client = new PkiClient(http, pki.Root, clock);
        var ec = await client.EnrolAsync(name, canonical, ecKey, cancellationToken).ConfigureAwait(false);
        var tickets = new List<Certificate>(count);
        for (var i = 0; i < count; i++)
        {
            using var key = EcdsaP256SignatureKey.Generate();
            tickets.Add(await client.RequestTicketAsync(ec, ecKey, key, cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        return tickets;
    }

    // The tickets the OBUs in range send (their certificate once a second), up to the flooder's count.
    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            RadioFrame heard;
            try
            {
                heard = await _hears!.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (heard.Sender == _send.LocalEndPoint.ToString() || Signer(heard.Bytes) is not { } ticket)
            {
                continue;
            }

            lock (_lock)
            {
                if (_signers.Count < _victims && _known.Add(ticket.HashedId8))
                {
                    _signers.Add(new SpduSigner(new ForgingKey(ticket.ToBeSigned.VerifyKeyIndicator.VerificationKey!, null, _random), ticket));
                }

                if (_signers.Count >= _victims)
                {
                    return;
                }
            }
        }
    }

    // The certificate a frame's signer carries (null: signed under a digest, unsecured or malformed).
    private static Certificate? Signer(byte[] frame)
    {
        try
        {
            var gn = GeoNetworkingCodec.Decode(EthernetCodec.Decode(frame).Payload);
            return gn.Packet is null && Ieee1609Dot2Data.Decode(gn.SecuredPacket).SignedData?.Signer is { Kind: SignerKind.Certificate, Certificates: [var certificate, ..] }
                ? certificate : null;
        }
        catch (V2x.DecodeException)
        {
            return null;
        }
    }

    // The frames due by now (rate × time since the start), each under the next ticket in turn.
    private async Task SendDueAsync()
    {
        if (!await _sending.WaitAsync(0).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            var now = _clock.GetUtcNow();
            if (now < _from || _stop.IsCancellationRequested)
            {
                return;
            }

            var due = (long)((Min(now, _until) - _from).TotalSeconds * _rate);
            var fix = _rides.Read();
            while (Sent < due && !_stop.IsCancellationRequested)
            {
                SpduSigner signer;
                var n = Sent;
                lock (_lock)
                {
                    if (_signers.Count == 0)
                    {
                        return; // a forged-signature flooder that has heard no ticket yet has nothing to forge
                    }

                    signer = _signers[(int)(n % _signers.Count)];
                }

                var identity = FloodTraffic.Identity(0x5000_0000u + (uint)(n % _signers.Count));
                var choice = _kind == SumoAttackKind.ForgedSignatureFlood ? SignerChoice.Digest : SignerChoice.Certificate;
                var frame = FloodTraffic.Cam(identity, now, signer, choice, (1u << 31) + (uint)n, fix with { FixTime = now });
                await _send.SendAsync(frame, _stop.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _sent);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        finally
        {
            _sending.Release();
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
