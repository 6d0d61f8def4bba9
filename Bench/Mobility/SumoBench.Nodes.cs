using System.Globalization;
using Bench.Reporting;
using Bench.Stations;
using Firmware.Application.Receiving;
using Hardware.Positioning.Sumo;
using Hardware.Radio;

namespace Bench.Mobility;

/// <summary>Starting and stopping the OBUs of the vehicles, and the run's summary.</summary>
public sealed partial class SumoBench
{
    // The shortest time on the air, next to another OBU, after which an OBU must have accepted another's CAM (T_GenCamMax 1 s, EN 302 637-2 §6.1.3, with margin).
    private static readonly TimeSpan HearingTime = TimeSpan.FromSeconds(5);

    private async Task StartAsync(Slot slot, RunContext run)
    {
        var o = _options;
        try
        {
            var obu = await BenchObu.CreateAsync(WithPosture(new BenchObuSettings
            {
                Name = slot.Name,
                Folder = Path.Combine(o.OutputDirectory, slot.Name),
                Clock = run.Clock,
                Route = slot.Vehicle,
                OemKey = run.OemKey,
                Pki = run.Pki,
                KeyStore = o.KeyStore,
                LabelPrefix = $"bench-{run.RunId}-",
                ScanPeriod = o.ScanPeriod,
                CrlRefreshPeriod = _sumo.CrlRefreshPeriod,
                RadioGroup = Group,
                RadioPort = run.Port,
                Carrier = o.Carrier,
                Loggers = _loggers,
                RadioRange = run.Range,
                SharedRadio = run.Radio,
                VerifyOnDemand = _sumo.VerifyOnDemand,
                // One receive worker per OBU: the process's parallelism is across its OBUs (up to 200 on 2 cores).
                ReceiveWorkers = 1,
                Record = o.Record,
                MisbehaviourQueuePath = Path.Combine(o.OutputDirectory, slot.Name, "mbr.db"),
                Idf = _sumo.ModelOf(slot.Vehicle.Id),
            }, slot.Vehicle.Id, run), run.Cancellation).ConfigureAwait(false);
            slot.Obu = obu;
            _attackRun?.Built(obu, slot.Vehicle.Id);
            slot.Cpu = obu.Cpu;
            run.Ledger.AddSource(obu.RadioSource, obu.Name, SenderKind.Obu);
            obu.Node.Receiver.Decided += result => run.Ledger.Record(obu.Name, result);
            ReportFindings(obu, run.Ledger);
            await obu.StartAsync(run.Cancellation).ConfigureAwait(false);
            slot.OnAirAt = run.Clock.GetUtcNow();
            slot.StartUpCpu = obu.Cpu.Cpu;
            _live?.Joined(obu, slot.Vehicle.Id);
            await Say(string.Create(CultureInfo.InvariantCulture, $"{slot.Name}: on the air in vehicle {slot.Vehicle.Id} at {(run.Clock.Elapsed).TotalSeconds:0.0} s")).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && _attackRun?.RefusesModel(slot.Vehicle.Id) == true)
        {
            // The vehicle's model is revoked (a compromised IDF model): the EA or AA refuses its enrolment or ticket, as it must.
            slot.Refused = $"{e.GetType().Name}: {e.Message}";
            _attackRun?.Refused(slot.Name, slot.Vehicle.Id, slot.Refused);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            slot.Error = $"{e.GetType().Name}: {e.Message}";
            await Say($"{slot.Name}: could not start in vehicle {slot.Vehicle.Id}: {slot.Error}").ConfigureAwait(false);
        }
    }

    private async Task StopAsync(Slot slot)
    {
        try
        {
            await slot.Started.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancelled while starting: whatever was built is stopped below.
        }

        if (slot.Obu is { } obu)
        {
            slot.CamsSent = obu.Node.Sender.TransmittedCount;
            await obu.DisposeAsync().ConfigureAwait(false);
            slot.Obu = null;
            if (slot.LeftAt is not null)
            {
                if (slot.OnAirAt is not null)
                {
                    _live?.Left(slot.Name);
                }

                await Say($"{slot.Name}: stopped, vehicle {slot.Vehicle.Id} left the simulation").ConfigureAwait(false);
            }
        }
    }

    private SumoRunSummary Summarize(SumoMobility mobility, string sumo, IReadOnlyList<LedgerEntry> entries, RadioRange? range, TimeSpan wall, IReadOnlySet<string> ownRevoked,
        IReadOnlySet<string> model)
    {
        // Revoked as they must be: stations on their own reported compromise, and the compromised model's stations (model-wide).
        var revoked = ownRevoked.Union(model, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var refused = AllSlots().Where(s => s.Refused is not null).Select(s => s.Name).ToList();
        var slots = AllSlots();
        var cams = entries.Where(e => e.Message == "CAM" && e.Kind == SenderKind.Obu && e.Sender != e.Receiver).ToList();
        var obus = slots.Select(s =>
        {
            var heard = cams.Where(e => e.Receiver == s.Name).ToList();
            var accepted = heard.Where(e => e.Outcome == ReceiveOutcome.Accepted).ToList();
            return new SumoObuFigures(s.Name, s.Vehicle.Id, s.Vehicle.JoinedAt, s.OnAirAt, s.LeftAt, s.CamsSent, accepted.Count, heard.Count - accepted.Count,
                accepted.Select(e => e.Sender).Distinct(StringComparer.Ordinal).Count(), s.Error);
        }).ToList();
        var end = mobility.Clock.GetUtcNow();

        // On the air next to another: the overlap of this OBU's time on the air with any other's.
        TimeSpan Overlap(Slot s) => slots.Where(x => x != s && x.OnAirAt is not null && s.OnAirAt is not null)
            .Select(x => Min(s.LeftAt ?? end, x.LeftAt ?? end) - Max(s.OnAirAt!.Value, x.OnAirAt!.Value)).DefaultIfEmpty(TimeSpan.Zero).Max();
        var shouldHear = slots.Where(s => Overlap(s) >= HearingTime).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var deaf = obus.Where(f => shouldHear.Contains(f.Name) && f.SendersHeard == 0).Select(f => f.Name).ToList();
        var afterLeaving = cams.Where(e => slots.FirstOrDefault(s => s.Name == e.Sender)?.LeftAt is { } left && e.ReceivedAt > left + TimeSpan.FromSeconds(1)).ToList();
        // A receiver that joins while a sender leaves, or comes into range on the loss ramp, may hear only digest-signed CAMs of it
        // (ETSI TS 103 097 v2.1.1 §7.1.1: the certificate goes once a second) and reject them as from an unknown signer; any
        // other rejection is a failure, but Revoked for an OBU the misbehaviour authority revoked after its own IDF reported
        // a compromise (a tampered firmware: SumoBench.Misbehaviour).
        var rejected = cams.Where(e => e.Outcome != ReceiveOutcome.Accepted).ToList();
        var revokedCams = rejected.Count(e => e.Reason == ReceiveReason.Revoked && revoked.Contains(e.Sender));
        var otherRejections = rejected.Where(e => e.Reason != ReceiveReason.UnknownSigner && !(e.Reason == ReceiveReason.Revoked && revoked.Contains(e.Sender))).ToList();
        var failed = obus.Where(f => f.Error is not null).ToList();
        var c = CultureInfo.InvariantCulture;
        List<Expectation> expectations =
        [
            new("vehicles join and leave", mobility.Joined > 0 && mobility.Left > 0,
                string.Create(c, $"{mobility.Joined} vehicles departed, {mobility.Left} arrived in {mobility.Time:0.0} s of simulation")),
            new("every equipped vehicle's OBU started", obus.Count > 0 && failed.Count == 0,
                (failed.Count == 0 ? string.Create(c, $"{obus.Count} OBUs, {obus.Count(f => f.OnAirAt is not null)} on the air") : string.Join("; ", failed.Select(f => $"{f.Name}: {f.Error}")))
                + (refused.Count == 0 ? string.Empty : string.Create(c, $"; {refused.Count} of the revoked model refused by the PKI as they departed, as they must be: {string.Join(", ", refused)}"))),
            new("OBUs leave with their vehicles", obus.Any(f => f.LeftAt is not null) && afterLeaving.Count == 0,
                afterLeaving.Count == 0
                    ? string.Create(c, $"{obus.Count(f => f.LeftAt is not null)} OBUs stopped as their vehicles arrived; no CAM of theirs received later than 1 s after")
                    : string.Create(c, $"{afterLeaving.Count} CAMs received from OBUs more than 1 s after their vehicles left, e.g. {afterLeaving[0].Sender} at {afterLeaving[0].Receiver}")),
            new("receivers decide the others' CAMs", shouldHear.Count > 0 && deaf.Count == 0,
                deaf.Count == 0
                    ? string.Create(c, $"{cams.Count} CAM decisions; each of the {shouldHear.Count} OBUs on the air at least {HearingTime.TotalSeconds} s next to another accepted CAMs of another")
                    : $"accepted no other OBU's CAM: {string.Join(", ", deaf)}"),
            new("OBUs' CAMs rejected only for an unknown signer", otherRejections.Count == 0,
                otherRejections.Count == 0
                    ? string.Create(c, $"{rejected.Count - revokedCams} rejected, each a digest-signed CAM whose sender's certificate the receiver had not heard (it joined as the sender left, or the certificate was lost on the range's loss ramp)")
                      + (revokedCams == 0 ? string.Empty : string.Create(c, $"; {revokedCams} refused as Revoked, from {string.Join(", ", revoked.Order(StringComparer.Ordinal))}, revoked for its own reported compromise or its model's"))
                    : string.Create(c, $"{otherRejections.Count} rejected for another reason, e.g. {otherRejections[0].Sender} at {otherRejections[0].Receiver}: {otherRejections[0].Stage} {otherRejections[0].Reason}")),
        ];
        var radio = range is null
            ? RangeText(null)
            : string.Create(c, $"{RangeText(range)}: {range.Delivered} delivered, {range.OutOfRange} out of range, {range.Lost} lost, {range.Unplaced} unplaced");
        return new SumoRunSummary(_sumo.Configuration, sumo, mobility.Time, wall.TotalSeconds, _sumo.Pacing, mobility.MaxLag.TotalSeconds, mobility.Steps, mobility.Joined,
            mobility.Left, mobility.MostAtOnce, _mostAtOnce, obus, radio, expectations);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
