using Firmware.Application.Decisions;
using Microsoft.Extensions.Logging;
using V2x.Integrity;

namespace Firmware.Application.Receiving;

/// <summary>The receive pipeline's structured log: one entry per decision, with every reason as a field.</summary>
internal static partial class ReceiveLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information,
        Message = "{Receiver}: {Outcome} at {Stage} ({Reason}) decision {Decision} row {Row} signer {Signer} psid {Psid} station {StationId} report {ReportLevel} counter {Counter} assurance {Assurance} from {Source}: {Detail}")]
    public static partial void Decided(ILogger logger, string receiver, ReceiveOutcome outcome, ReceiveStage stage, ReceiveReason reason, TrustDecision? decision,
        DecisionRow? row, string? signer, ulong? psid, uint? stationId, IntegrityLevel? reportLevel, uint? counter, byte? assurance, string source, string detail);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "{Receiver}: certificate {Digest} not admitted: {Error}")]
    public static partial void NotAdmitted(ILogger logger, string receiver, string digest, string error);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "{Receiver}: certificate {Digest} fetched from the PKI: {Result}")]
    public static partial void Fetched(ILogger logger, string receiver, string digest, string result);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "{Receiver}: a {Event} handler threw; the pipeline carries on")]
    public static partial void HandlerFault(ILogger logger, string receiver, string @event, Exception exception);
}
