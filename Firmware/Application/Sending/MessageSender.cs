using Firmware.SecurePartition;
using Firmware.SecurePartition.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Signing;
using V2x.Stack;

namespace Firmware.Application.Sending;

/// <summary>
/// The send path of the application partition (patent ¶115-119, ¶145-149, fig. 6): the frame's GeoNetworking
/// packet is handed to the secure partition, which checks integrity, adds the report (when the policy asks),
/// time, counter and nonce, and signs with the active ticket; the sending policy then decides whether the
/// signed frame goes on the radio. The application never holds a private key. Thread-safe (calls to the
/// partition are serialised by its client).
/// </summary>
public sealed class MessageSender
{
    private readonly SenderOptions _options;
    private readonly ILogger _log;
    private readonly Lock _captureLock = new();
    private long _transmitted;
    private long _withheld;

    /// <summary>Creates the sender.</summary>
    /// <exception cref="ArgumentException">An undefined policy.</exception>
    public MessageSender(SenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Policy))
        {
            throw new ArgumentException($"Sending policy {options.Policy} is not 1, 2 or 3.", nameof(options));
        }

        _options = options;
        _log = options.Logger ?? NullLogger.Instance;
    }

    /// <summary>Every message handed to the sender, after its fate is known.</summary>
    public event Action<SendResult>? Sent;

    /// <summary>The policy.</summary>
    public SendingPolicy Policy => _options.Policy;

    /// <summary>The signals of option 1.</summary>
    public IntegritySignals Signals => _options.Signals;

    /// <summary>Frames put on the radio so far.</summary>
    public long TransmittedCount => Interlocked.Read(ref _transmitted);

    /// <summary>Messages withheld under option 1 so far.</summary>
    public long WithheldCount => Interlocked.Read(ref _withheld);

    /// <summary>Whether the policy puts the report into a message of this PSID (patent ¶117-119).</summary>
    public bool IncludesReport(Psid psid) => _options.Policy != SendingPolicy.SafetyCriticalOnly || _options.SafetyCritical.Contains(psid);

    /// <summary>Signs a frame through the secure partition and sends it, or withholds it (option 1).</summary>
    /// <exception cref="ArgumentException">A request the frame builder refuses.</exception>
    public async Task<SendResult> SendAsync(FrameRequest request, SignerChoice signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var psid = request.Payload.Psid;
        var include = IncludesReport(psid);

        // TS 103 097 v2.1.1 §5.2: the signed payload is the GN packet from the Common Header on; a DENM also
        // carries its generation location (§7.1.2). The partition sets generationTime from its own clock.
        var payload = FrameBuilder.ToBeSignedPayload(request);
        var location = psid == Psid.Denm ? FrameBuilder.HeaderInfoFor(request).GenerationLocation : null;
        SignedMessage signed;
        try
        {
            signed = await _options.Partition.AugmentAndSignAsync(new SignRequest(psid, payload, location, include, signer), cancellationToken).ConfigureAwait(false);
        }
        catch (PartitionException e)
        {
            return Finish(new SendResult(Now, psid, SendStatus.Refused, false, IntegrityLevel.NoAnomaly, DetectorFlags.None, 0, null, $"{e.Error}: {e.Message}"));
        }
        catch (ProtocolException e)
        {
            return Finish(new SendResult(Now, psid, SendStatus.Failed, false, IntegrityLevel.NoAnomaly, DetectorFlags.None, 0, null, $"{e.Error}: {e.Message}"));
        }

        // Option 1 (patent ¶116): on a detection the message is not sent; the signals go out instead.
        if (_options.Policy == SendingPolicy.ReportOnlyWhenClean)
        {
            if (signed.Level != IntegrityLevel.NoAnomaly)
            {
                Interlocked.Increment(ref _withheld);
                await _options.Signals.WithheldAsync(Now, psid, signed.Level, signed.Detectors, _options.Station(), cancellationToken).ConfigureAwait(false);
                return Finish(new SendResult(Now, psid, SendStatus.Withheld, signed.ReportIncluded, signed.Level, signed.Detectors, signed.MessageCounter, null));
            }

            await _options.Signals.ClearAsync(psid, cancellationToken).ConfigureAwait(false);
        }

        var frame = FrameBuilder.WrapSecured(request, signed.Spdu);
        try
        {
            await _options.Radio.SendAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException)
        {
            return Finish(new SendResult(Now, psid, SendStatus.Failed, signed.ReportIncluded, signed.Level, signed.Detectors, signed.MessageCounter, null, e.Message));
        }

        Interlocked.Increment(ref _transmitted);
        Capture(frame);
        return Finish(new SendResult(Now, psid, SendStatus.Transmitted, signed.ReportIncluded, signed.Level, signed.Detectors, signed.MessageCounter, frame));
    }

    /// <summary>Writes a frame to the capture, if there is one.</summary>
    public void Capture(ReadOnlySpan<byte> frame)
    {
        if (_options.Capture is { } capture)
        {
            lock (_captureLock)
            {
                capture.Write(Now, frame);
            }
        }
    }

    private DateTimeOffset Now => _options.Clock.GetUtcNow();

    private SendResult Finish(SendResult result)
    {
        if (result.Status is SendStatus.Refused or SendStatus.Failed)
        {
            _log.LogWarning("PSID {Psid} not sent: {Status} {Detail}", result.Psid, result.Status, result.Detail);
        }

        Sent?.Invoke(result);
        return result;
    }
}
