using System.Globalization;
using Firmware.Application.Composition;
using Firmware.Application.Eebl;
using Firmware.Application.Node;
using Firmware.Application.Recording;
using Hardware.Can;
using Hardware.Positioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Firmware.Host;

/// <summary>
/// The host's drive recording (Record:Directory, --record: Firmware/Application/Recording), the vehicle's CAN signals
/// (Can:Dbc, the DBC that maps them, for example /etc/obu/obu.dbc: every decoded signal is recorded, and hard braking,
/// Eebl:HardBrakingDeceleration m/s² default 4, triggers an EEBL DENM) and the bench trigger of an EEBL DENM
/// (Eebl:TriggerAtSeconds: one emergency-brake event that many seconds after start, for a test drive without a brake
/// signal wired in).
/// </summary>
public static class FieldRecording
{
    /// <summary>Attaches the recorder to the node and the GNSS receiver, or samples a position source without reports once a second; null without a recorder.</summary>
    public static IDisposable? Start(DriveRecorder? recorder, ObuNode node, GnssReceiver? gnss, IPositionSource position, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(clock);
        if (recorder is null)
        {
            return null;
        }

        recorder.Attach(node);
        if (gnss is not null)
        {
            recorder.Attach(gnss);
            return null;
        }

        return clock.CreateTimer(_ => recorder.Fix(position.Read()), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    /// <summary>The timer of Eebl:TriggerAtSeconds, or null when unset.</summary>
    public static IDisposable? EeblTrigger(IConfiguration configuration, ObuNode node, TimeProvider clock, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(node);
        var seconds = Settings.UInt(configuration, "Eebl:TriggerAtSeconds", 0);
        if (seconds == 0)
        {
            return null;
        }

        return clock.CreateTimer(_ => _ = TriggerAsync(node, log), null, TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// The reader of the vehicle's signals on <paramref name="can"/> when Can:Dbc is set, else null; its decoded signals go
    /// to the recording and hard braking triggers an EEBL DENM. Start it with <see cref="VehicleSignalReader.RunAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Can:Dbc without a CAN bus, or a bad Eebl:HardBrakingDeceleration.</exception>
    /// <exception cref="DbcException">The DBC cannot be read or lacks the signals.</exception>
    public static VehicleSignalReader? VehicleSignals(IConfiguration configuration, ICanBus? can, DriveRecorder? recorder, ObuNode node, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(node);
        if (configuration["Can:Dbc"] is not { Length: > 0 } path)
        {
            return null;
        }

        if (can is null)
        {
            throw new ArgumentException("Can:Dbc is set but there is no CAN bus (Can:Kind).");
        }

        var deceleration = configuration["Eebl:HardBrakingDeceleration"] is { Length: > 0 } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0 && double.IsFinite(d)
                ? d
                : throw new ArgumentException($"Eebl:HardBrakingDeceleration is a positive number of m/s², not '{text}'.")
            : 4.0;
        DbcFile dbc;
        try
        {
            dbc = DbcFile.Load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DbcException($"Cannot read the DBC {path}: {e.Message}", e);
        }

        var reader = new VehicleSignalReader(can, new Hardware.Can.VehicleSignals(dbc), new VehicleSignalReaderOptions { HardBrakingDeceleration = deceleration }, log);
        if (recorder is not null)
        {
            reader.SignalDecoded += recorder.Signal;
        }

        reader.HardBraking += () => _ = TriggerAsync(node, log);
        return reader;
    }

    private static async Task TriggerAsync(ObuNode node, ILogger log)
    {
        try
        {
            var (action, first) = await node.Denm.TriggerAsync(DenmEvent.EmergencyElectronicBrakeLight).ConfigureAwait(false);
            log.LogInformation("EEBL DENM {Sequence} triggered: {Status}", action.SequenceNumber, first.Status);
        }
        catch (InvalidOperationException e)
        {
            // No fix: a DENM needs the event position (EN 302 637-3 v1.3.1, eventPosition is mandatory).
            log.LogWarning("EEBL DENM not triggered: {Error}", e.Message);
        }
    }
}
