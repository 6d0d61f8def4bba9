using System.Globalization;
using System.Net;
using Bench.Demo;
using Bench.Reporting;
using Bench.Stations;
using Firmware.Application.Receiving;
using Hardware.Positioning;
using Hardware.Radio;
using V2x.Link;
using V2x.Pcap;

namespace Bench.Attacks;

/// <summary>
/// The reflection attack (issue 10 item 1, issue 15's attack library): an attacker near a victim hears the victim's own
/// frames and sends them back unchanged but for the Ethernet source, which is not signed (a random MAC of its own, so
/// the victim's own-MAC filter does not drop them). It is the demo's <see cref="ReplayAttacker"/>, capturing from the
/// victim's radio only, exact replays only. The victim must refuse them on its signed identity
/// (<see cref="ReceiveReason.OwnMessage"/>: its own ticket or GeoNetworking address, <c>OwnMessages</c>); every other
/// receiver, which heard the originals, refuses them as replays. None may be accepted.
/// </summary>
public sealed class ReflectionStation : IAsyncDisposable
{
    /// <summary>The reflector's name in the ledger and its pcap's folder.</summary>
    public const string Name = "reflector";

    private readonly ReplayAttacker _attacker;
    private readonly List<IDisposable> _owned;
    private int _disposed;

    private ReflectionStation(ReplayAttacker attacker, List<IDisposable> owned, IPEndPoint source)
    {
        _attacker = attacker;
        _owned = owned;
        Source = source;
    }

    /// <summary>The endpoint its frames leave from (to place it on a shared radio's range model).</summary>
    public IPEndPoint Source { get; }

    /// <summary>Frames it sent back.</summary>
    public long Sent => _attacker.ExactSent;

    /// <summary>
    /// A reflector on the bench radio (<paramref name="group"/>:<paramref name="port"/>) reflecting the frames of the radio
    /// source <paramref name="victimSource"/> names (null while the victim is not on the air), registered in the ledger.
    /// </summary>
    /// <param name="rides">Where it is (its listening radio is placed there when <paramref name="range"/> is set).</param>
    /// <param name="range">The radio range (null: it hears every frame).</param>
    public static ReflectionStation Create(DecisionLedger ledger, IPAddress group, int port, TimeProvider clock, int seed, string folder, Func<string?> victimSource,
        IPositionSource? rides = null, RadioRange? range = null, IPAddress? radioInterface = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(victimSource);
        var owned = new List<IDisposable>();
        var listen = new UdpMulticastRadioLink(DemoStations.Radio(group, port, clock, radioInterface));
        owned.Add(listen);
        var send = new UdpMulticastRadioLink(DemoStations.Radio(group, port, clock, radioInterface));
        owned.Add(send);
        ledger.AddSource(send.LocalEndPoint.ToString(), Name, SenderKind.Reflection);
        IRadioLink hears = range is not null && rides is not null ? new RangeLimitedRadioLink(listen, rides, range, f => V2x.Stack.SenderPosition.Read(f)) : listen;
        Directory.CreateDirectory(Path.Combine(folder, Name));
        var pcap = new PcapWriter(File.Create(Path.Combine(folder, Name, Name + ".pcap")));
        owned.Add(pcap);
        // A locally administered unicast MAC of its own (IEEE 802-2014 §8.3: bit 1 of the first octet set, bit 0 clear).
        var mac = new MacAddress(((ulong)new Random(seed).NextInt64(0, 1L << 40) | 0x02_00_00_00_00_00UL) & 0xFE_FF_FF_FF_FF_FFUL);
        var options = new ReplayAttackerOptions { Seed = seed, CaptureProbability = 0.5, AlterCounters = false, SourceMac = mac, Captures = s => s == victimSource() };
        var attacker = new ReplayAttacker(hears, send, send, [send.LocalEndPoint.ToString(), listen.LocalEndPoint.ToString()], clock, options, pcap);
        return new ReflectionStation(attacker, owned, send.LocalEndPoint);
    }

    /// <summary>Starts listening: frames heard from <paramref name="from"/> are sent back, none after <paramref name="until"/>.</summary>
    public void Start(DateTimeOffset from, DateTimeOffset until) => _attacker.Start(from, until);

    /// <summary>The name of the reflection's expectation (Bench.Scenarios.Files.ExpectationIds: <c>reflection-refused</c>).</summary>
    public static string Check(string victim) =>
        $"reflected frames are refused: {victim} as its own, the others accept none altered or twice (relays of frames a receiver missed are counted)";

    /// <summary>The reflection's figures and expectation from the receivers' decisions about the reflector's frames.</summary>
    /// <param name="victim">The victim's station name (obu-N; null: it never went on the air, nothing was reflected).</param>
    /// <param name="vehicle">The victim's vehicle (SUMO) or station name (built-in route).</param>
    /// <param name="startedAtSeconds">When the reflector went on the air, from the run's start.</param>
    public (SumoAttackFigures Figures, Expectation Check) Evaluate(IReadOnlyList<LedgerEntry> entries, string? victim, string vehicle, double? startedAtSeconds) =>
        Evaluate(entries, victim, vehicle, startedAtSeconds, Sent);

    /// <summary>The same, for a reflector that never went on the air (nothing sent).</summary>
    public static (SumoAttackFigures Figures, Expectation Check) Evaluate(IReadOnlyList<LedgerEntry> entries, string? victim, string vehicle, double? startedAtSeconds, long sent)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var c = CultureInfo.InvariantCulture;
        var name = Check(victim ?? vehicle);
        var decided = entries.Where(e => e.Kind == SenderKind.Reflection).ToList();
        var atVictim = decided.Where(e => e.Receiver == victim).ToList();
        var asOwn = atVictim.Count(e => e.Outcome == ReceiveOutcome.Rejected && e.Reason == ReceiveReason.OwnMessage);
        var refused = decided.Count(e => e.Outcome == ReceiveOutcome.Rejected);
        var accepted = decided.Count - refused;
        var copies = AcceptedCopies.Of(decided.Where(e => e.Receiver != victim), entries);
        var figures = new SumoAttackFigures("reflection", vehicle, victim, startedAtSeconds, Sent: sent, Refused: refused, Accepted: accepted, RefusedAsOwn: asOwn,
            Relayed: copies.Relayed);
        if (victim is null)
        {
            return (figures, new Expectation(name, false, $"no OBU of {vehicle} was on the air during the attack: nothing was reflected"));
        }

        var reasons = string.Join(", ", decided.Where(e => e.Outcome == ReceiveOutcome.Rejected && e.Receiver != victim).GroupBy(e => e.Reason)
            .OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
        var passed = sent > 0 && atVictim.Count > 0 && asOwn == atVictim.Count && copies.Held;
        return (figures, new Expectation(name, passed, string.Create(c,
            $"{sent} of {victim}'s frames reflected; {victim} refused {asOwn} of {atVictim.Count} as its own (OwnMessage); the others refused {refused - atVictim.Count(e => e.Outcome == ReceiveOutcome.Rejected)} ({(reasons.Length > 0 ? reasons : "none")}); {accepted} accepted")
            + (accepted == 0 ? "" : $" ({copies})")));
    }

    /// <summary>Stops it (waiting for the reflections already scheduled) and closes its radios and pcap.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _attacker.DisposeAsync().ConfigureAwait(false);
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }
}
