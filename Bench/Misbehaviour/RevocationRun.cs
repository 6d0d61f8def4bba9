using System.Collections.Concurrent;
using Bench.Demo;
using Bench.Stations;
using Bench.Tls;
using Firmware.Application.Receiving;
using Hardware.Radio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pki.Store;
using PkiProtocol.Audit;
using PkiProtocol.Client;
using PkiProtocol.Misbehaviour;
using V2x.Security;
using V2x.Security.Crypto;

namespace Bench.Misbehaviour;

/// <summary>
/// The misbehaviour loop end to end on the evaluation's traffic (Docs/misbehaviour.md, "Evaluation: time to revocation"):
/// every labelled ticket is a station enrolled at the bench PKI (<see cref="DemoPki"/>, its HTTPS service on loopback) with
/// a real authorization ticket, and every message a signed frame on a simulated radio medium with the evaluation's range;
/// the receivers are OBUs of the bench (<see cref="BenchObu"/>: simulated board, secure partition, the product's receive
/// pipeline and local detection) that report their findings as signed and encrypted misbehaviour reports to the PKI's
/// misbehaviour authority; its global detection revokes a station above its threshold through the revocation path, the
/// receivers' CRL refresh brings the CRL, and they reject the station's frames as <see cref="ReceiveReason.Revoked"/>.
/// Everything runs on one hand-stepped clock (<see cref="FakeTimeProvider"/>): the run steps to each message's generation
/// time and waits until every receiver in range decided it, and until the reports its findings caused were taken.
/// </summary>
public static class RevocationRun
{
    /// <summary>How often a receiver fetches the CRLs (the product's default is 1 min); the receivers' refreshes are staggered over it.</summary>
    public static readonly TimeSpan CrlRefreshPeriod = TimeSpan.FromSeconds(10);

    /// <summary>How far east of the road's first lane the receivers stand (the median: no vehicle drives through a receiver's place).</summary>
    public const double ReceiverEast = -1.75;

    private static readonly TimeSpan DecisionTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs the loop on <paramref name="traffic"/> in a temporary folder (removed afterwards).</summary>
    /// <exception cref="TimeoutException">A receiver did not decide a frame within a minute of real time.</exception>
    public static async Task<RevocationFigures> RunAsync(EvaluationTraffic traffic, EvaluationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        ArgumentNullException.ThrowIfNull(options);
        var folder = Directory.CreateTempSubdirectory("bench-mbr-").FullName;
        try
        {
            return await RunInAsync(folder, traffic, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }

    private static async Task<RevocationFigures> RunInAsync(string folder, EvaluationTraffic traffic, EvaluationOptions options, CancellationToken cancellationToken)
    {
        var clock = new FakeTimeProvider(EvaluationTraffic.T0 - CrlRefreshPeriod - TimeSpan.FromSeconds(1));
        using var tls = DemoTls.Create(folder);
        await using var pki = await DemoPki.StartAsync(Path.Combine(folder, "pki"), clock, tls, cancellationToken).ConfigureAwait(false);
        var medium = new SimulatedRadioMedium(clock);
        var places = new ConcurrentDictionary<string, (double North, double East)>(StringComparer.Ordinal);
        var rangeSquared = options.RangeMetres * options.RangeMetres;
        bool InRange((double North, double East) a, (double North, double East) b) =>
            ((a.North - b.North) * (a.North - b.North)) + ((a.East - b.East) * (a.East - b.East)) <= rangeSquared;

        // Only receivers listen, and only within range of where the sender is.
        medium.SetDropRule((from, to, _) => !to.StartsWith("rx-", StringComparison.Ordinal) || !places.TryGetValue(from, out var a) || !InRange(a, places[to]));

        using var oemKey = EcdsaP256SignatureKey.Generate();
        var state = new RevocationRunState(options.Receivers);
        var receivers = new List<BenchObu>();
        try
        {
            for (var i = 0; i < options.Receivers; i++)
            {
                var name = $"rx-{i + 1}";
                var place = (North: i * 300.0, East: ReceiverEast);
                places[name] = place;
                var obu = await BenchObu.CreateAsync(new BenchObuSettings
                {
                    Name = name,
                    Folder = Path.Combine(folder, name),
                    Clock = clock,
                    Route = new StandingPosition(clock, EvaluationTraffic.Latitude(place.North), EvaluationTraffic.Longitude(place.East)),
                    OemKey = oemKey,
                    Pki = pki,
                    LabelPrefix = "mbr-",
                    ScanPeriod = TimeSpan.FromSeconds(30),
                    CrlRefreshPeriod = CrlRefreshPeriod,
                    Radio = medium.Attach(name, queueCapacity: 4096),
                    SendCams = false,
                    MisbehaviourQueuePath = Path.Combine(folder, name + "-mbr.db"),
                    Loggers = NullLoggerFactory.Instance,
                }, cancellationToken).ConfigureAwait(false);
                receivers.Add(obu);
                state.Watch(i, obu.Node, clock);
            }

            // Each receiver starts (enrols, gets its ticket and the CRLs) at its own instant, so the CRL refreshes are staggered over a period.
            for (var i = 0; i < receivers.Count; i++)
            {
                clock.SetUtcNow(EvaluationTraffic.T0 - CrlRefreshPeriod + (CrlRefreshPeriod * i / receivers.Count));
                await receivers[i].StartAsync(cancellationToken).ConfigureAwait(false);
            }

            clock.SetUtcNow(EvaluationTraffic.T0);
            var senders = await SendersAsync(pki, medium, traffic, clock, cancellationToken).ConfigureAwait(false);
            try
            {
                state.Senders = senders;
                await DriveAsync(traffic, options, clock, receivers, senders, places, InRange, state, cancellationToken).ConfigureAwait(false);
                var counts = receivers.Select(r => r.MisbehaviourQueue!.Counts()).ToList();
                return Figures(pki, traffic, options, senders, state) with
                {
                    ReportsSent = counts.Sum(c => c.Delivered + c.Refused),
                    ReportsRefused = counts.Sum(c => c.Refused),
                };
            }
            finally
            {
                foreach (var s in senders.Values)
                {
                    s.Dispose();
                }
            }
        }
        finally
        {
            foreach (var obu in receivers)
            {
                await obu.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // Every ticket of the traffic: a station registered at manufacture, enrolled, with one authorization ticket.
    private static async Task<Dictionary<HashedId8, EvaluationSender>> SendersAsync(DemoPki pki, SimulatedRadioMedium medium, EvaluationTraffic traffic, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        using var http = pki.Client();
        var client = new PkiClient(http, pki.Root, clock);
        var senders = new Dictionary<HashedId8, EvaluationSender>();
        foreach (var label in traffic.Messages.Select(m => m.Message.Signer).Distinct())
        {
            MbrObservation? attack = traffic.Attackers.TryGetValue(label, out var a) ? a : null;
            var station = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(attack is null ? "veh" : "atk")}-{label.Value:x}");
            using var canonical = EcdsaP256SignatureKey.Generate();
            using var ecKey = EcdsaP256SignatureKey.Generate();
            // Each sender its own IDF model: the authority's model-wide rule (three stations of one model revoked) would otherwise
            // revoke the model of every station here after the third attacker, and the figures would no longer be per station.
            pki.Register(station, canonical.PublicKey, new IdfImplementation("Evaluation Motors", station, "1.0"));
            var ec = await client.EnrolAsync(station, canonical, ecKey, cancellationToken).ConfigureAwait(false);
            var key = EcdsaP256SignatureKey.Generate();
            try
            {
                var ticket = await client.RequestTicketAsync(ec, ecKey, key, cancellationToken: cancellationToken).ConfigureAwait(false);
                senders[label] = new EvaluationSender(station, ticket, key, medium.Attach(station), (uint)label.Value, attack);
            }
            catch
            {
                key.Dispose();
                throw;
            }
        }

        return senders;
    }

    // Steps the clock through the traffic: at each message time the CRL refreshes that fell due, the frames, their decisions, the reports.
    private static async Task DriveAsync(EvaluationTraffic traffic, EvaluationOptions options, FakeTimeProvider clock, List<BenchObu> receivers,
        Dictionary<HashedId8, EvaluationSender> senders, ConcurrentDictionary<string, (double North, double East)> places,
        Func<(double, double), (double, double), bool> inRange, RevocationRunState state, CancellationToken cancellationToken)
    {
        var end = EvaluationTraffic.T0 + options.Duration;
        var messages = traffic.Messages;
        var next = 0;
        while (next < messages.Count)
        {
            var at = messages[next].Message.GenerationTime;
            if (at >= end)
            {
                break;
            }

            if (at > clock.GetUtcNow())
            {
                clock.SetUtcNow(at);
            }

            await Task.WhenAll(receivers.Select(r => r.Node.Crls!.LastRefresh)).ConfigureAwait(false);
            var expected = new int[receivers.Count];
            for (; next < messages.Count && messages[next].Message.GenerationTime == at; next++)
            {
                var (message, north, _) = messages[next];
                var sender = senders[message.Signer];
                var east = (message.Longitude - EvaluationTraffic.BaseLongitude) * EvaluationTraffic.MetresPerDegree * Math.Cos(EvaluationTraffic.BaseLatitude * Math.PI / 180);
                places[sender.Station] = (north, east);
                for (var r = 0; r < receivers.Count; r++)
                {
                    if (inRange((north, east), places[$"rx-{r + 1}"]))
                    {
                        expected[r]++;
                        state.Heard(r, sender.Station, at);
                    }
                }

                state.Sent(sender, at);
                await sender.Radio.SendAsync(sender.Frame(message), cancellationToken).ConfigureAwait(false);
            }

            await state.WaitAsync(expected, cancellationToken).ConfigureAwait(false);

            // A finding is signed, queued and sent at once (the reporter's nudge); wait until the authority took it, at this instant.
            for (var r = 0; r < receivers.Count; r++)
            {
                if (state.TakeFound(r) && receivers[r].Node.Reporter is { } reporter)
                {
                    await reporter.Idle.ConfigureAwait(false);
                    await reporter.DeliverAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static RevocationFigures Figures(DemoPki pki, EvaluationTraffic traffic, EvaluationOptions options, Dictionary<HashedId8, EvaluationSender> senders, RevocationRunState state)
    {
        var store = pki.Pki.Context.Store;
        var observations = store.GetObservations().Where(o => o.Kind == MisbehaviourKind.Observation).ToList();
        var revoked = pki.Pki.Ma.Detection.Requests.Where(r => r.Scope == RevocationScope.Station && r.State == RevocationRequestState.Done)
            .ToDictionary(r => r.Target, r => r.DecidedAt ?? r.CreatedAt, StringComparer.Ordinal);
        var t0 = EvaluationTraffic.T0;
        var rows = senders.Values.Where(s => s.Attack is not null).OrderBy(s => s.Attack).ThenBy(s => s.Station, StringComparer.Ordinal).Select(s =>
        {
            TimeSpan? revokedAt = revoked.TryGetValue(s.Station, out var when) ? when - t0 : null;
            var atReceivers = Enumerable.Range(0, options.Receivers).Select(r =>
            {
                // A receiver can reject the station as Revoked once its next CRL refresh after the revocation brought the CRL, and a frame came after it.
                var refreshed = revokedAt is { } rv ? state.RefreshAfter(r, t0 + rv) : null;
                var heardAfter = refreshed is { } f && state.LastHeard(r, s.Station) is { } last && last >= f;
                return new RevocationFigures.AtReceiver($"rx-{r + 1}", heardAfter, state.FirstRevoked(r, s.Station) is { } first ? first - t0 : null);
            }).ToList();
            return new RevocationFigures.AttackerRow(s.Station, s.Attack!.Value, state.FirstSent(s.Station)!.Value - t0,
                observations.Count(o => o.SubjectStation == s.Station), revokedAt, atReceivers);
        }).ToList();
        var genuine = senders.Values.Where(s => s.Attack is null).Select(s => s.Station).ToHashSet(StringComparer.Ordinal);
        var models = pki.Pki.Ma.Detection.Requests.Count(r => r.Scope == RevocationScope.Implementation && r.State == RevocationRequestState.Done);
        return new RevocationFigures(options, rows, genuine.Count, revoked.Keys.Count(genuine.Contains), models, observations.Count,
            observations.Count(o => o.SubjectStation is { } subject && genuine.Contains(subject)), traffic.Messages.Count(m => m.Message.GenerationTime < t0 + options.Duration));
    }
}
