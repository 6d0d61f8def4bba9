using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Bench.Demo;
using Bench.Stations;
using Firmware.Application.Composition;
using Firmware.Application.Sending;
using Firmware.SecurePartition.Policy;
using Hardware.Positioning;
using Hardware.Radio;
using Hardware.Random;
using Microsoft.Extensions.Logging.Abstractions;
using PkiProtocol.Client;
using Testing;
using V2x.Integrity;
using V2x.Pcap;
using V2x.Security.Crypto;

namespace Bench.Tests.Interop;

/// <summary>Who put a frame of the corpus on the air.</summary>
internal enum CorpusSender
{
    /// <summary>An OBU whose integrity detection finds nothing.</summary>
    CleanObu,

    /// <summary>The OBU after its board was tampered (a rogue process latched a high anomaly).</summary>
    TamperedObu,

    /// <summary>The legacy station (no IDF permission, no report).</summary>
    Legacy,

    /// <summary>The replay attacker, sending a frame again as captured.</summary>
    ExactReplay,

    /// <summary>The replay attacker, with the report's counter changed.</summary>
    AlteredReplay,
}

/// <summary>One frame of a <see cref="BenchCorpus"/>.</summary>
internal sealed record CorpusFrame(int Index, string Station, CorpusSender Sender, string Message, byte[] Frame, DateTimeOffset SentAt, bool CarriesReport)
{
    /// <summary>The row the tables group by: sender, message, report or not.</summary>
    public string Category => $"{Sender} {Message}{(CarriesReport ? " + report" : "")}";
}

/// <summary>
/// Every kind of frame the bench demo puts on the air, recorded deterministically for one carrier mode and one
/// sending option: the demo's own stations (<see cref="BenchObu"/>: simulated board, secure partition over the
/// partition protocol, <c>ObuNode</c> with its CA and DEN basic services; <see cref="LegacyStation"/>) provisioned
/// by the demo's PKI (<see cref="DemoPki"/>), driven by a hand-stepped clock (<see cref="SteppedClock"/>) through the demo's script: a clean
/// phase with CAMs (certificate and digest signers) and an EEBL DENM from each station, a tamper (a rogue process
/// on obu-2, latched at its next scan), a tampered phase with CAMs and DENMs, and the replay attacker's two kinds
/// of replay (<see cref="ReplayAttacker.AlterCounter"/>) of what it heard. The OBUs use separate radio ports so that
/// no one's CAM timing depends on what it heard; frames are taken from each sender's own send path.
/// </summary>
internal sealed class BenchCorpus
{
    private BenchCorpus(ReportCarrier carrier, SendingPolicy policy, DateTimeOffset start, string tag, IReadOnlyList<CorpusFrame> frames)
    {
        Carrier = carrier;
        Policy = policy;
        Start = start;
        Tag = tag;
        Frames = frames;
    }

    public ReportCarrier Carrier { get; }

    public SendingPolicy Policy { get; }

    public IReadOnlyList<CorpusFrame> Frames { get; }

    /// <summary>The corpus clock when the stations started (the script's time zero).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The suffix of this mode's station names (<c>f2</c>, <c>h3</c>).</summary>
    public string Tag { get; }

    /// <summary>
    /// Where a frame stands in the script, the same in every mode: its station without the mode's suffix, sender,
    /// message, report or not, and milliseconds since <see cref="Start"/> (to compare two modes' recordings).
    /// </summary>
    public string ScriptKey(CorpusFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var station = frame.Station.EndsWith("-" + Tag, StringComparison.Ordinal) ? frame.Station[..^(Tag.Length + 1)] : frame.Station;
        return $"{station} {frame.Category} at +{(frame.SentAt - Start).TotalMilliseconds:0} ms";
    }

    /// <summary>Records the corpus of one mode on <paramref name="clock"/> (shared with <paramref name="pki"/>).</summary>
    public static async Task<BenchCorpus> RecordAsync(DemoPki pki, SteppedClock clock, EcdsaP256SignatureKey oemKey, string folder,
        ReportCarrier carrier, SendingPolicy policy)
    {
        var tag = $"{(carrier == ReportCarrier.Facilities ? "f" : "h")}{(int)policy}";
        var sent = new ConcurrentQueue<(string Station, bool Tampered, SendResult Result)>();
        var obus = new List<BenchObu>();
        var tampered = false;
        var start = clock.GetUtcNow();
        try
        {
            for (var i = 1; i <= 2; i++)
            {
                var name = $"obu-{i}-{tag}";
                var obu = await BenchObu.CreateAsync(new BenchObuSettings
                {
                    Name = name,
                    Folder = Path.Combine(folder, name),
                    Clock = clock,
                    Route = new SimulatedRoute(clock, [.. SimulatedRoute.MunichBlock.Skip(i * 3), .. SimulatedRoute.MunichBlock.Take(i * 3)], 519),
                    OemKey = oemKey,
                    Pki = pki,
                    LabelPrefix = $"corpus-{tag}-",
                    ScanPeriod = TimeSpan.FromSeconds(1),
                    CrlRefreshPeriod = TimeSpan.FromHours(1),
                    RadioGroup = IPAddress.Parse("239.255.47.1"),
                    RadioPort = FreeUdpPort(),
                    Carrier = carrier,
                    Policy = policy,
                    Loggers = NullLoggerFactory.Instance,
                }, CancellationToken.None);
                obus.Add(obu);
                var station = name;
                var isTamperTarget = i == 2;
                obu.Node.Sender.Sent += r => sent.Enqueue((station, isTamperTarget && Volatile.Read(ref tampered), r));
            }

            // The legacy station, as the demo adds it: an IDF model the audit CA never assessed (no 0x1E permission).
            var medium = new SimulatedRadioMedium(clock);
            using var legacyCapture = new MemoryStream();
            var legacyName = $"legacy-{tag}";
            using var canonical = EcdsaP256SignatureKey.Generate();
            pki.Register(legacyName, canonical.PublicKey, DemoPki.LegacyIdf);
            LegacyStation legacy;
            using (var pcap = new PcapWriter(legacyCapture, leaveOpen: true))
            {
                legacy = new LegacyStation(legacyName, medium.Attach(legacyName), new SimulatedRoute(clock, SimulatedRoute.MunichBlock, 519), clock,
                    StationIdentity.Random(SystemRandomSource.Instance), pcap);
                await using (legacy)
                {
                    using (var http = new HttpClient(pki.Tls.ClientHandler()) { BaseAddress = pki.Address })
                    {
                        await legacy.ProvisionAsync(new PkiClient(http, pki.Root, clock), canonical, CancellationToken.None);
                    }

                    await Task.WhenAll(obus.Select(o => o.StartAsync(CancellationToken.None)));
                    legacy.Start();
                    var eebl = DenmEvent.EmergencyElectronicBrakeLight with { Validity = TimeSpan.FromSeconds(2) };

                    // Clean phase: 3 s of CAMs; an EEBL from each station.
                    await StepAsync(clock, obus, legacy, 15);
                    await obus[0].Node.Denm.TriggerAsync(eebl);
                    await obus[1].Node.Denm.TriggerAsync(eebl);
                    await legacy.SendEeblAsync(eebl, CancellationToken.None);
                    await StepAsync(clock, obus, legacy, 15);

                    // Tamper obu-2; its next scan (1 s period) latches a high anomaly. Tampered phase: 3 s, an EEBL from it.
                    obus[1].Tamper(Bench.Stations.TamperFault.RogueProcess);
                    Volatile.Write(ref tampered, true);
                    await StepAsync(clock, obus, legacy, 15);
                    await obus[1].Node.Denm.TriggerAsync(eebl);
                    await StepAsync(clock, obus, legacy, 15);
                }
            }

            // A station that put no CAM on the air leaves the comparison without its frames (the facilities corpus
            // of one suite run held 40 frames against 334): say which station and what its sends returned instead.
            foreach (var obu in obus)
            {
                var mine = sent.Where(s => s.Station == obu.Name).Select(s => s.Result).ToList();
                if (!mine.Any(r => r.Psid == V2x.Security.Psid.Cam && r.Frame is not null))
                {
                    var outcomes = string.Join("; ", mine.GroupBy(r => (r.Status, r.Detail)).Select(g => $"{g.Count()} x {g.Key.Status} {g.Key.Detail}"));
                    throw new InvalidOperationException($"{obu.Name} ({carrier}, option {(int)policy}) transmitted no CAM in the recording: {(outcomes.Length > 0 ? outcomes : "no send at all")}");
                }
            }

            var frames = new List<CorpusFrame>();
            foreach (var (station, isTampered, result) in sent)
            {
                if (result.Frame is { } frame)
                {
                    frames.Add(new CorpusFrame(0, station, isTampered && result.Level != IntegrityLevel.NoAnomaly ? CorpusSender.TamperedObu : CorpusSender.CleanObu,
                        result.Psid == V2x.Security.Psid.Cam ? "CAM" : "DENM", frame, result.Time, result.ReportIncluded));
                }
            }

            legacyCapture.Position = 0;
            using (var reader = new PcapReader(legacyCapture))
            {
                while (reader.TryRead(out var record))
                {
                    // EN 302 636-4-1 §9.6: the secured packet follows the 14-octet Ethernet and 4-octet Basic Header.
                    var psid = V2x.Security.Ieee1609Dot2Data.Decode(record.Data[18..]).SignedData!.TbsData.HeaderInfo.Psid;
                    frames.Add(new CorpusFrame(0, legacyName, CorpusSender.Legacy, psid == V2x.Security.Psid.Cam ? "CAM" : "DENM", record.Data.ToArray(), record.Timestamp, false));
                }
            }

            return new BenchCorpus(carrier, policy, start, tag, WithReplays(frames));
        }
        finally
        {
            foreach (var obu in obus)
            {
                await obu.DisposeAsync();
            }
        }
    }

    // The attacker's two replays of every frame it heard, right after the original (exact; counter changed when there is a report).
    private static List<CorpusFrame> WithReplays(List<CorpusFrame> originals)
    {
        var ordered = originals.OrderBy(f => f.SentAt).ThenBy(f => f.Station, StringComparer.Ordinal).ThenBy(f => f.Message, StringComparer.Ordinal).ToList();
        var all = new List<CorpusFrame>();
        foreach (var f in ordered)
        {
            all.Add(f with { Index = all.Count });
            all.Add(f with { Index = all.Count, Sender = CorpusSender.ExactReplay, SentAt = f.SentAt.AddMilliseconds(1) });
            if (ReplayAttacker.AlterCounter(f.Frame, 1) is { } altered)
            {
                all.Add(f with { Index = all.Count, Sender = CorpusSender.AlteredReplay, Frame = altered, SentAt = f.SentAt.AddMilliseconds(2) });
            }
        }

        return all;
    }

    // 200 ms steps, each followed by the stations' sends (CAM checks every 100 ms: T_CheckCamGen, EN 302 637-2 §6.1.3).
    // The steps' clock runs every timer due on this thread before Advance returns, whatever other threads read of it
    // meanwhile (each OBU's own-revocation check, which its first CRL fetch starts and nothing here awaits, asks the PKI
    // over HTTP, both ends reading this clock): so the checks the Idle tasks name are the ones this step started.
    private static async Task StepAsync(SteppedClock clock, List<BenchObu> obus, LegacyStation legacy, int steps)
    {
        for (var i = 0; i < steps * 2; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            foreach (var obu in obus)
            {
                await obu.Node.Cam.Idle;
                await obu.Node.Denm.Idle;
            }

            await legacy.Idle;
        }
    }

    private static int FreeUdpPort()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }
}
