using Firmware.Application.Composition;
using Firmware.Application.Node;
using Firmware.Application.Recording;
using Hardware.Positioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Firmware.Host;

/// <summary>
/// The host's drive recording (Record:Directory, --record: Firmware/Application/Recording) and the bench trigger of an
/// EEBL DENM (Eebl:TriggerAtSeconds: one emergency-brake event that many seconds after start, for a test drive
/// without a brake signal wired in).
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
        var seconds = CommandLine.UInt(configuration, "Eebl:TriggerAtSeconds", 0);
        if (seconds == 0)
        {
            return null;
        }

        return clock.CreateTimer(_ => _ = TriggerAsync(node, log), null, TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan);
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
