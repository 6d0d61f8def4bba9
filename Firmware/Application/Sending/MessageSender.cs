using Firmware.SecurePartition;
using Firmware.SecurePartition.Policy;
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
/// packet is handed to the secure partition, which checks integrity, adds the report (the partition decides
/// whether it travels, from the sending option of its OEM-signed policy and the PSID), time, counter and nonce,
/// and signs with the active ticket; under option 1, which the partition reports with every signed message, a
/// message reporting a detection is withheld and signalled instead. The application never holds a private key
/// and chooses neither the option nor the report. Thread-safe (calls to the partition are serialised by its client).
/// </summary>
public sealed class MessageSender
{
    private readonly SenderOptions _options;
    private readonly ILogger _log;
    private readonly Lock _captureLock = new();
    private long _transmitted;
    private long _withheld;
    private int _sendingOption;

    /// <summary>Creates the sender.</summary>
    public MessageSender(SenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _log = options.Logger ?? NullLogger.Instance;
    }

    /// <summary>Every message handed to the sender, after its fate is known.</summary>
    public event Action<SendResult>? Sent;

    /// <summary>The sending option the partition reported with its last signed message (null before the first).</summary>
    public SendingPolicy? SendingOption => Volatile.Read(ref _sendingOption) is var option and not 0 ? (SendingPolicy)option : null;

    /// <summary>The signals of option 1.</summary>
    public IntegritySignals Signals => _options.Signals;

    /// <summary>Frames put on the radio so far.</summary>
    public long TransmittedCount => Interlocked.Read(ref _transmitted);

    /// <summary>Messages withheld under option 1 so far.</summary>
    public long WithheldCount => Interlocked.Read(ref _withheld);

    /// <summary>Signs a frame through the secure partition and sends it, or withholds it (option 1).</summary>
    /// <exception cref="ArgumentException">A request the frame builder refuses.</exception>
    public async Task<SendResult> SendAsync(FrameRequest request, SignerChoice signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var psid = request.Payload.Psid;

        // TS 103 097 v2.1.1 §5.2: the signed payload is the GN packet from the Common Header on; a DENM also
        // carries its generation location (§7.1.2). The partition sets generationTime from its own clock.
        var payload = FrameBuilder.ToBeSignedPayload(request);
        var location = psid == Psid.Denm ? FrameBuilder.HeaderInfoFor(request).GenerationLocation : null;
        SignedMessage signed;
        try
        {
            signed = await _options.Partition.AugmentAndSignAsync(new SignRequest(psid, payload, location, signer), cancellationToken).ConfigureAwait(false);
        }
        catch (PartitionException e)
        {
            return Finish(new SendResult(Now, psid, SendStatus.Refused, false, IntegrityLevel.NoAnomaly, DetectorFlags.None, 0, null, $"{e.Error}: {e.Message}"));
        }
        catch (ProtocolException e)
        {
            return Finish(new SendResult(Now, psid, SendStatus.Failed, false, IntegrityLevel.NoAnomaly, DetectorFlags.None, 0, null, $"{e.Error}: {e.Message}"));
        }

        // Option 1 (patent ¶116), as the partition's signed policy says: on a detection the message is not sent;
        // the signals go out instead. (Had the application sent it anyway, its report would say what was detected.)
        Volatile.Write(ref _sendingOption, (int)signed.SendingOption);
        if (signed.SendingOption == SendingPolicy.ReportOnlyWhenClean)
        {
            if (signed.Level != IntegrityLevel.NoAnomaly)
            {
                Interlocked.Increment(ref _withheld);
                await _options.Signals.WithheldAsync(Now, psid, signed.Level, signed.Detectors, _options.Station(), cancellationToken).ConfigureAwait(false);
                return Finish(new SendResult(Now, psid, SendStatus.Withheld, signed.ReportIncluded, signed.Level, signed.Detectors, signed.MessageCounter, null));
            }

            await _options.Signals.ClearAsync(psid, cancellationToken).ConfigureAwait(false);
        }

        // The ticket is noted before the frame is on the air: a reflection of it, with any Ethernet source, is then
        // known as the station's own (Receiving/OwnMessages).
        if (_options.Own is { } own && SignerOf(signed.Spdu) is { } ticket)
        {
            own.AddSigner(ticket);
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

    // The ticket as receivers will see it named: a digest, or the carried certificate's HashedId8.
    private static HashedId8? SignerOf(byte[] spdu)
    {
        try
        {
            var signer = Ieee1609Dot2Data.Decode(spdu).SignedData?.Signer;
            return signer?.Kind switch
            {
                SignerKind.Digest => signer.Digest,
                SignerKind.Certificate when signer.Certificates.Count == 1 => signer.Certificates[0].HashedId8,
                _ => null,
            };
        }
        catch (V2x.DecodeException)
        {
            return null;
        }
    }

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
