using System.Buffers.Binary;
using Hardware.Radio;
using V2x;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Link;
using V2x.Oer;
using V2x.Pcap;
using V2x.Security;

namespace Bench.Stations;

/// <summary>
/// An attacker on the air: it hears every frame, keeps some (a seeded choice), and sends them again a little
/// later, either exactly as captured (patent ¶150-153: the receivers' duplicate and counter checks must reject
/// them) or with the integrity report's message counter changed to a value the receivers have not seen (the
/// counter is signed, IEEE 1609.2 §6.3.9 HeaderInfo.contributedExtensions, so the signature check must reject
/// them). Exact replays and altered ones leave from two radios, so a receiver's log tells them apart by source.
/// </summary>
public sealed class ReplayAttacker : IAsyncDisposable
{
    private const int SecuredPacketOffset = EthernetCodec.HeaderLength + BasicHeader.Length;
    private readonly IRadioLink _listen;
    private readonly IRadioLink _exact;
    private readonly IRadioLink _altered;
    private readonly HashSet<string> _ownSources;
    private readonly TimeProvider _clock;
    private readonly Random _choices;
    private readonly ReplayAttackerOptions _options;
    private readonly PcapWriter? _capture;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;
    private readonly List<Task> _pending = [];
    private Task _loop = Task.CompletedTask;
    private DateTimeOffset _activeFrom;
    private DateTimeOffset _activeUntil;
    private long _heard;
    private long _exactSent;
    private long _alteredSent;

    /// <summary>An attacker listening on <paramref name="listen"/> and replaying through <paramref name="exact"/> and <paramref name="altered"/>.</summary>
    /// <param name="listen">The radio it captures on.</param>
    /// <param name="exact">The radio of exact replays.</param>
    /// <param name="altered">The radio of altered-counter replays.</param>
    /// <param name="ownSources">The source endpoints of <paramref name="exact"/> and <paramref name="altered"/> (it does not capture itself).</param>
    /// <param name="clock">The clock of its schedule.</param>
    /// <param name="options">How often and how late it replays, and its seed.</param>
    /// <param name="capture">A pcap of what it replays; null for none.</param>
    public ReplayAttacker(IRadioLink listen, IRadioLink exact, IRadioLink altered, IEnumerable<string> ownSources, TimeProvider clock,
        ReplayAttackerOptions options, PcapWriter? capture = null)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(exact);
        ArgumentNullException.ThrowIfNull(altered);
        ArgumentNullException.ThrowIfNull(ownSources);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _listen = listen;
        _exact = exact;
        _altered = altered;
        _ownSources = [.. ownSources];
        _clock = clock;
        _options = options;
        _choices = new Random(options.Seed);
        _capture = capture;
    }

    /// <summary>Frames heard.</summary>
    public long Heard => Interlocked.Read(ref _heard);

    /// <summary>Exact replays sent.</summary>
    public long ExactSent => Interlocked.Read(ref _exactSent);

    /// <summary>Altered-counter replays sent.</summary>
    public long AlteredSent => Interlocked.Read(ref _alteredSent);

    /// <summary>
    /// Starts listening; frames heard from <paramref name="activeFrom"/> are replayed, none is sent after
    /// <paramref name="activeUntil"/> (so every replay is decided before the run ends).
    /// </summary>
    public void Start(DateTimeOffset activeFrom, DateTimeOffset activeUntil)
    {
        if (activeUntil <= activeFrom)
        {
            throw new ArgumentException("The attack must end after it starts.", nameof(activeUntil));
        }

        _activeFrom = activeFrom;
        _activeUntil = activeUntil;
        _loop = Task.Run(() => ListenAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>
    /// The frame with the integrity report's message counter changed, in whichever carrier the report travels
    /// (Docs/formats.md §3.4: four octets at <see cref="IntegrityReport.CounterOffset"/> of the report in HeaderInfo;
    /// §3.8: 32 bits of the report in the CAM's or DENM's extension container, re-encoded in place, same length),
    /// or null when the frame carries no report or does not decode as a signed frame.
    /// </summary>
    public static byte[]? AlterCounter(ReadOnlySpan<byte> frame, uint delta)
    {
        if (frame.Length <= SecuredPacketOffset || delta == 0)
        {
            return null;
        }

        try
        {
            // EN 302 636-4-1 v1.4.1 §9.6: the secured packet follows the 4-octet Basic Header.
            var data = Ieee1609Dot2Data.Decode(new OerReader(frame[SecuredPacketOffset..].ToArray(), "SecuredPacket"));
            if (data.SignedData is not { } signed)
            {
                return null;
            }

            var altered = frame.ToArray();
            if (IntegrityReportExtension.Read(signed.TbsData.HeaderInfo) is { } inHeader)
            {
                var at = frame.IndexOf(inHeader.Encode());
                if (at < 0)
                {
                    return null;
                }

                BinaryPrimitives.WriteUInt32BigEndian(altered.AsSpan(at + IntegrityReport.CounterOffset, 4), unchecked(inHeader.MessageCounter + delta));
                return altered;
            }

            if (signed.TbsData.Payload.Data is not { } inner || IntegrityReportContainer.Read(inner.Opaque.Span) is not { } inPayload)
            {
                return null;
            }

            var packet = inner.Opaque.Span;
            var start = frame.IndexOf(packet);
            var changed = IntegrityReportContainer.Put(packet, WithCounter(inPayload, unchecked(inPayload.MessageCounter + delta)));
            if (start < 0 || changed.Length != packet.Length)
            {
                return null;
            }

            changed.CopyTo(altered.AsSpan(start));
            return altered;
        }
        catch (DecodeException)
        {
            return null;
        }
    }

    private static IntegrityReport WithCounter(IntegrityReport report, uint counter) =>
        new(report.Level, report.Detectors, counter, report.Nonce, report.ReportTime) { Coverage = report.Coverage, Posture = report.Posture };

    /// <summary>Stops listening and waits for the replays already scheduled.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        Task[] pending;
        lock (_lock)
        {
            pending = [.. _pending, _loop];
        }

        try
        {
            await Task.WhenAll(pending).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            RadioFrame heard;
            try
            {
                heard = await _listen.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or System.Threading.Channels.ChannelClosedException)
            {
                return;
            }

            if (_ownSources.Contains(heard.Sender) || _options.Captures?.Invoke(heard.Sender) == false)
            {
                continue;
            }

            Interlocked.Increment(ref _heard);
            var now = _clock.GetUtcNow();
            int delayMs;
            bool alter;
            lock (_lock)
            {
                if (now < _activeFrom || now + _options.MaxDelay >= _activeUntil || _choices.NextDouble() >= _options.CaptureProbability)
                {
                    continue;
                }

                delayMs = _choices.Next((int)_options.MinDelay.TotalMilliseconds, (int)_options.MaxDelay.TotalMilliseconds + 1);
                alter = _choices.Next(2) == 1 && _options.AlterCounters;
                _pending.RemoveAll(t => t.IsCompleted);
            }

            var bytes = alter ? AlterCounter(heard.Bytes, (uint)_choices.Next(1, 1000)) : null;
            var frame = bytes ?? heard.Bytes;
            if (_options.SourceMac is { } mac && frame.Length >= EthernetCodec.HeaderLength)
            {
                // IEEE 802.3 §3.2.4: the source address, octets 6 to 11 of the header (not covered by the signature).
                frame = bytes ?? [.. heard.Bytes];
                mac.WriteTo(frame.AsSpan(MacAddress.Length, MacAddress.Length));
            }

            var task = ReplayLaterAsync(frame, bytes is not null, TimeSpan.FromMilliseconds(delayMs), cancellationToken);
            lock (_lock)
            {
                _pending.Add(task);
            }
        }
    }

    private async Task ReplayLaterAsync(byte[] frame, bool altered, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _clock, cancellationToken).ConfigureAwait(false);
            await (altered ? _altered : _exact).SendAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            return;
        }

        lock (_lock)
        {
            _capture?.Write(_clock.GetUtcNow(), frame);
        }

        Interlocked.Increment(ref altered ? ref _alteredSent : ref _exactSent);
    }
}
