using System;
using Firmware.Nano.Board;
using Firmware.Nano.Counters;
using Firmware.Nano.Detection;
using Firmware.Nano.Integrity;
using Firmware.Nano.SecureElement;
using Firmware.Nano.Security;

namespace Firmware.Nano.Partition;

/// <summary>
/// Augment-and-sign on the MCU (patent ¶145-153, fig. 6; the Linux partition's
/// <c>SecurePartitionService.AugmentAndSign</c>): the per-message check, generationTime from the board's TAI
/// clock, the next counter value, eight random octets from the hardware RNG, the report in
/// HeaderInfo.contributedExtensions, and one ECDSA signature by the secure element over all of it.
/// The application hands in the payload (for a CAM or DENM, the GeoNetworking packet from the Common Header on)
/// and never sees the key. Thread-safe (one signature at a time).
/// </summary>
public sealed class McuSecurePartition
{
    private readonly IntegrityDetectionFunction _idf;
    private readonly MessageCounter _counter;
    private readonly ISecureElement _element;
    private readonly IRandomSource _random;
    private readonly ITaiClock _clock;
    private readonly SignedMessageBuilder _builder;
    private readonly int _signingSlot;
    private readonly uint _counterOffset;
    private readonly object _lock = new object();

    /// <summary>A partition signing with the ticket <paramref name="ticket"/> whose private key is in <paramref name="signingSlot"/>.</summary>
    /// <param name="idf">The integrity detection function.</param>
    /// <param name="counter">The message counter.</param>
    /// <param name="element">The secure element.</param>
    /// <param name="random">The hardware random source for nonces.</param>
    /// <param name="clock">The TAI clock.</param>
    /// <param name="ticket">The authorization ticket's canonical encoding.</param>
    /// <param name="signingSlot">The slot of the ticket's private key.</param>
    /// <param name="counterOffset">The ticket's counter offset (a new pseudonym starts elsewhere in the 32-bit space).</param>
    public McuSecurePartition(IntegrityDetectionFunction idf, MessageCounter counter, ISecureElement element, IRandomSource random,
        ITaiClock clock, byte[] ticket, int signingSlot, uint counterOffset)
    {
        if (idf == null || counter == null || element == null || random == null || clock == null)
        {
            throw new ArgumentNullException(idf == null ? nameof(idf) : counter == null ? nameof(counter) : element == null ? nameof(element) : random == null ? nameof(random) : nameof(clock));
        }

        _idf = idf;
        _counter = counter;
        _element = element;
        _random = random;
        _clock = clock;
        _builder = new SignedMessageBuilder(ticket);
        _signingSlot = signingSlot;
        _counterOffset = counterOffset;
    }

    /// <summary>The posture grade put in reports (<see cref="PostureGrade.NotAssessed"/>: the MCU polls no posture server).</summary>
    public byte Posture => PostureGrade.NotAssessed;

    /// <summary>Checks, augments and signs <paramref name="payload"/>; returns the encoded Ieee1609Dot2Data.</summary>
    /// <param name="payload">The unsecured payload.</param>
    /// <param name="psid">Its PSID (<see cref="Psids"/>).</param>
    /// <param name="generationLocation">For a DENM the generation location, else null.</param>
    /// <param name="includeReport">False for option 3 of the sending policy (a non-safety message without the report).</param>
    /// <exception cref="SigningRefusedException">The clock is not synchronised, or the payload is empty.</exception>
    /// <exception cref="CounterException">No counter value can be promised.</exception>
    /// <exception cref="SecureElementException">The secure element failed (a counter value may be spent).</exception>
    public byte[] AugmentAndSign(byte[] payload, ulong psid, ThreeDLocation generationLocation, bool includeReport)
    {
        if (payload == null || payload.Length == 0)
        {
            throw new SigningRefusedException("an empty payload is not signed");
        }

        lock (_lock)
        {
            ulong time;
            if (!_clock.TryGetTime64(out time))
            {
                throw new SigningRefusedException("the clock is not synchronised: no generationTime to sign");
            }

            var check = _idf.CheckForMessage();
            var counter = MessageCounter.OnAir(_counter.Next(), _counterOffset);
            var nonce = new byte[8];
            _random.Fill(nonce);
            IntegrityReport report = null;
            if (includeReport)
            {
                report = new IntegrityReport(check.Level, check.Detectors, check.Coverage, Posture, counter, nonce, time);
            }

            var header = new HeaderInfo(psid, time, generationLocation, report);
            var tbs = SignedMessageBuilder.ToBeSignedData(payload, header);
            var signature = _element.SignDigest(_signingSlot, _builder.SigningDigest(tbs));
            var r = new byte[32];
            var s = new byte[32];
            Array.Copy(signature, 0, r, 0, 32);
            Array.Copy(signature, 32, s, 0, 32);
            return _builder.Assemble(tbs, r, s);
        }
    }
}
