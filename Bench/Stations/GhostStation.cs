using Bench.Demo;
using Firmware.Application.Composition;
using Hardware.Positioning;
using Hardware.Radio;
using Hardware.Random;
using PkiProtocol.Audit;
using PkiProtocol.Client;
using V2x.GeoNetworking;
using V2x.Pcap;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Stack;

namespace Bench.Stations;

/// <summary>
/// The demo's ghost vehicle (issue 14, Build 8): a station enrolled at the PKI with a valid authorization ticket (a
/// cloned key, or a stack that lies) that sends CAMs every 100 ms claiming 120 m/s at one place (the demo puts it inside
/// the block, off the road, so no genuine car ever passes its place and none is a second sender there): every OBU's local
/// misbehaviour detection finds SpeedValueTooLarge (Docs/misbehaviour.md), reports it to the misbehaviour authority,
/// whose global detection revokes the station; after their next CRL refresh the OBUs reject its frames as Revoked.
/// Its IDF model is its own, unassessed: its tickets carry no IDF permission and its frames no integrity report.
/// </summary>
public sealed class GhostStation : IAsyncDisposable
{
    /// <summary>The speed it claims (above any road vehicle's, LmbdOptions).</summary>
    public const double ClaimedSpeed = 120;

    private readonly IRadioLink _radio;
    private readonly EcdsaP256SignatureKey _key;
    private readonly SpduSigner _signer;
    private readonly TimeProvider _clock;
    private readonly PcapWriter? _capture;
    private readonly StationIdentity _identity;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private long _sent;
    private DateTimeOffset? _firstSentAt;

    private GhostStation(string name, IRadioLink radio, Certificate ticket, EcdsaP256SignatureKey key, TimeProvider clock, PcapWriter? capture)
    {
        Name = name;
        _radio = radio;
        _key = key;
        _signer = new SpduSigner(key, ticket);
        _clock = clock;
        _capture = capture;
        _identity = StationIdentity.Random(SystemRandomSource.Instance);
    }

    /// <summary>Its station id at the EA.</summary>
    public string Name { get; }

    /// <summary>CAMs sent.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>When its first (false) CAM went out, or null.</summary>
    public DateTimeOffset? FirstSentAt => _firstSentAt;

    /// <summary>Its authorization ticket's HashedId8 (the subject of the receivers' findings).</summary>
    public V2x.Security.HashedId8 Ticket { get; private init; }

    /// <summary>Registers the station at manufacture, enrols it and gets its ticket from the demo's PKI.</summary>
    public static async Task<GhostStation> ProvisionAsync(string name, DemoPki pki, IRadioLink radio, TimeProvider clock, PcapWriter? capture,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pki);
        using var canonical = EcdsaP256SignatureKey.Generate();
        using var ecKey = EcdsaP256SignatureKey.Generate();
        pki.Register(name, canonical.PublicKey, new IdfImplementation("Ghost Motors", "Cloned OBU", "1.0"));
        using var http = pki.Client();
        var client = new PkiClient(http, pki.Root, clock);
        var ec = await client.EnrolAsync(name, canonical, ecKey, cancellationToken).ConfigureAwait(false);
        var key = EcdsaP256SignatureKey.Generate();
        try
        {
            var ticket = await client.RequestTicketAsync(ec, ecKey, key, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new GhostStation(name, radio, ticket, key, clock, capture) { Ticket = ticket.HashedId8 };
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Sends a false CAM every 100 ms at <paramref name="place"/> from <paramref name="from"/> until <paramref name="until"/>.</summary>
    /// <param name="place">Where its CAMs claim to be (their reference position).</param>
    /// <param name="from">Its first CAM.</param>
    /// <param name="until">No CAM later.</param>
    /// <param name="radio">
    /// Where its radio really is, for the GeoNetworking source position vector (EN 302 636-4-1 §9.8.4: the single-hop
    /// header's) the receivers' distance check reads (null: <paramref name="place"/>, as on the route). In SUMO it rides with
    /// a vehicle and only its CAM lies about the place.
    /// </param>
    public void Start(Waypoint place, DateTimeOffset from, DateTimeOffset until, IPositionSource? radio = null)
    {
        ArgumentNullException.ThrowIfNull(place);
        _loop = Task.Run(() => SendAsync(place, radio, from, until, _stop.Token), CancellationToken.None);
    }

    /// <summary>Stops sending.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stop.Dispose();
        _key.Dispose();
    }

    private async Task SendAsync(Waypoint place, IPositionSource? radio, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (from > _clock.GetUtcNow())
        {
            await Task.Delay(from - _clock.GetUtcNow(), _clock, cancellationToken).ConfigureAwait(false);
        }

        while (_clock.GetUtcNow() < until && !cancellationToken.IsCancellationRequested)
        {
            var now = _clock.GetUtcNow();
            var fix = new PositionFix(true, place.LatitudeDegrees, place.LongitudeDegrees, 519, ClaimedSpeed, 0, now, 1.5);
            var cam = CamComposer.Cam(_identity, CamComposer.Vehicle.PassengerCar, fix, now, lowFrequency: false);
            var at = radio?.Read() is { IsValid: true } real ? real : fix;
            var request = new FrameRequest(FacilitiesPayload.FromCam(cam), GnTransport.SingleHopBroadcast(),
                CamComposer.PositionVector(_identity, GnStationType.PassengerCar, at), now);
            var frame = FrameBuilder.BuildSigned(request, _signer, SignerChoice.Certificate);
            try
            {
                await _radio.SendAsync(frame, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }

            _firstSentAt ??= now;
            Interlocked.Increment(ref _sent);
            lock (_stop)
            {
                _capture?.Write(now, frame);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), _clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
