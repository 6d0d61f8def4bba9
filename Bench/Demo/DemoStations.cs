using System.Collections.Concurrent;
using System.Net;
using Bench.Reporting;
using Bench.Stations;
using Firmware.Application.Composition;
using Hardware.Positioning;
using Hardware.Radio;
using Hardware.Random;
using PkiProtocol.Client;
using V2x.Pcap;
using V2x.Security.Crypto;

namespace Bench.Demo;

/// <summary>
/// Every station of a demo run and what they share: the OBUs, the legacy station, the attacker and its
/// radios, their pcaps, and the ledger every OBU's receive pipeline and EEBL application report to. Disposing
/// stops the senders first, then the OBUs.
/// </summary>
internal sealed class DemoStations : IAsyncDisposable
{
    private readonly DecisionLedger _ledger;
    private readonly List<BenchObu> _obus = [];
    private readonly List<IDisposable> _owned = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> _eeblTriggers = new(StringComparer.Ordinal);
    private bool _disposed;

    public DemoStations(DecisionLedger ledger)
    {
        _ledger = ledger;
    }

    public IReadOnlyList<BenchObu> Obus => _obus;

    public LegacyStation? Legacy { get; private set; }

    public ReplayAttacker? Attacker { get; private set; }

    public string? LegacyPcap { get; private set; }

    public PkiRequestCounter? LegacyPkiRequests { get; private set; }

    public string? AttackerPcap { get; private set; }

    public GhostStation? Ghost { get; private set; }

    public string? GhostPcap { get; private set; }

    /// <summary>The legacy station's radio source (null: none added).</summary>
    public string? LegacySource { get; private set; }

    /// <summary>The radio sources of the attacker's exact and altered replays (empty: none added).</summary>
    public (string Exact, string Altered) AttackerSources { get; private set; } = (string.Empty, string.Empty);

    /// <summary>Adds an OBU: its radio source is named in the ledger, its decisions and brake requests recorded.</summary>
    public void Add(BenchObu obu)
    {
        _obus.Add(obu);
        _ledger.AddSource(obu.RadioSource, obu.Name, SenderKind.Obu);
        obu.Node.Receiver.Decided += result => _ledger.Record(obu.Name, result);
        obu.Node.Eebl.BrakeRequested += request => _ledger.RecordBrake(obu.Name, request);
        obu.Node.Misbehaviour.Found += finding => _ledger.RecordFinding(obu.Name, finding);
    }

    /// <summary>Registers, enrols and provisions the legacy station (an unassessed IDF model: no IDF permission in its ticket).</summary>
    public async Task AddLegacyAsync(DemoPki pki, IPAddress group, int port, TimeProvider clock, IPositionSource route, string folder, CancellationToken cancellationToken,
        IPAddress? radioInterface = null)
    {
        const string name = "legacy-1";
        using var canonical = EcdsaP256SignatureKey.Generate();
        pki.Register(name, canonical.PublicKey, DemoPki.LegacyIdf);
        var radio = Own(new UdpMulticastRadioLink(Radio(group, port, clock, radioInterface)));
        Directory.CreateDirectory(Path.Combine(folder, name));
        LegacyPcap = Path.Combine(folder, name, name + ".pcap");
        var pcap = Own(new PcapWriter(File.Create(LegacyPcap)));
        LegacySource = radio.LocalEndPoint.ToString();
        _ledger.AddSource(LegacySource, name, SenderKind.Legacy);
        Legacy = new LegacyStation(name, radio, route, clock, StationIdentity.Random(SystemRandomSource.Instance), pcap);
        LegacyPkiRequests = new PkiRequestCounter(pki.Tls.ClientHandler());
        using var http = new HttpClient(LegacyPkiRequests, disposeHandler: false) { BaseAddress = pki.Address };
        await Legacy.ProvisionAsync(new PkiClient(http, pki.Root, clock), canonical, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts the attacker on the air: one radio to listen, one for exact replays, one for altered counters.</summary>
    public void AddAttacker(IPAddress group, int port, TimeProvider clock, int seed, string folder, IPAddress? radioInterface = null)
    {
        var listen = Own(new UdpMulticastRadioLink(Radio(group, port, clock, radioInterface)));
        var exact = Own(new UdpMulticastRadioLink(Radio(group, port, clock, radioInterface)));
        var altered = Own(new UdpMulticastRadioLink(Radio(group, port, clock, radioInterface)));
        AttackerSources = (exact.LocalEndPoint.ToString(), altered.LocalEndPoint.ToString());
        _ledger.AddSource(exact.LocalEndPoint.ToString(), "attacker", SenderKind.ExactReplay);
        _ledger.AddSource(altered.LocalEndPoint.ToString(), "attacker", SenderKind.AlteredReplay);
        Directory.CreateDirectory(Path.Combine(folder, "attacker"));
        AttackerPcap = Path.Combine(folder, "attacker", "attacker.pcap");
        var pcap = Own(new PcapWriter(File.Create(AttackerPcap)));
        Attacker = new ReplayAttacker(listen, exact, altered, [exact.LocalEndPoint.ToString(), altered.LocalEndPoint.ToString(), listen.LocalEndPoint.ToString()],
            clock, new ReplayAttackerOptions { Seed = seed }, pcap);
    }

    /// <summary>Enrols the ghost vehicle (issue 14, Build 8: a valid ticket, false CAMs) and puts it on the air.</summary>
    public async Task AddGhostAsync(DemoPki pki, IPAddress group, int port, TimeProvider clock, string folder, CancellationToken cancellationToken,
        IPAddress? radioInterface = null)
    {
        const string name = "ghost-1";
        var radio = Own(new UdpMulticastRadioLink(Radio(group, port, clock, radioInterface)));
        _ledger.AddSource(radio.LocalEndPoint.ToString(), name, SenderKind.Ghost);
        Directory.CreateDirectory(Path.Combine(folder, name));
        GhostPcap = Path.Combine(folder, name, name + ".pcap");
        var pcap = Own(new PcapWriter(File.Create(GhostPcap)));
        Ghost = await GhostStation.ProvisionAsync(name, pki, radio, clock, pcap, cancellationToken).ConfigureAwait(false);
        _ledger.AddTicket(Ghost.Ticket, name, SenderKind.Ghost);
    }

    /// <summary>The OBU's driver brakes hard: its EEBL DENM goes out (and repeats until it expires).</summary>
    public async Task TriggerEeblAsync(BenchObu obu, DenmEvent eebl, TimeProvider clock, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        await obu.Node.Denm.TriggerAsync(eebl, cancellationToken).ConfigureAwait(false);
        _eeblTriggers.GetOrAdd(obu.Name, _ => new ConcurrentQueue<DateTimeOffset>()).Enqueue(at);
    }

    /// <summary>EEBL events triggered on an OBU.</summary>
    public int EeblTriggers(string obu) => _eeblTriggers.TryGetValue(obu, out var times) ? times.Count : 0;

    /// <summary>When each OBU's EEBL events were triggered.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>> EeblTriggeredAt() =>
        _eeblTriggers.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<DateTimeOffset>)[.. kv.Value], StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (Ghost is not null)
        {
            await Ghost.DisposeAsync().ConfigureAwait(false);
        }

        if (Attacker is not null)
        {
            await Attacker.DisposeAsync().ConfigureAwait(false);
        }

        if (Legacy is not null)
        {
            await Legacy.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var obu in _obus)
        {
            await obu.DisposeAsync().ConfigureAwait(false);
        }

        LegacyPkiRequests?.Dispose();
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    /// <summary>The multicast radio's options on <paramref name="radioInterface"/> (null: loopback, one process's demo).</summary>
    internal static UdpMulticastRadioOptions Radio(IPAddress group, int port, TimeProvider clock, IPAddress? radioInterface) =>
        new() { Group = group, Port = port, Time = clock, InterfaceAddress = radioInterface ?? IPAddress.Loopback };

    private T Own<T>(T item)
        where T : IDisposable
    {
        _owned.Add(item);
        return item;
    }
}
