using System.Buffers.Binary;
using Firmware.SecurePartition.BlackBox;
using Firmware.SecurePartition.Counters;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Keys;
using Firmware.SecurePartition.Posture;
using Firmware.SecurePartition.Reports;
using Firmware.SecurePartition.Triggers;
using Hardware.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Signing;
using V2x.Time;

namespace Firmware.SecurePartition;

/// <summary>
/// The secure partition (patent ¶109-156, fig. 4-6): the only holder of private keys and the only
/// writer of integrity reports, counters and the black box. It boots the IDF, runs the periodic
/// scan timer, and serves the operations the protocol exposes (<see cref="Protocol.ProtocolServer"/>):
/// augment-and-sign, get report, trigger a check, get posture, and provisioning. Thread-safe.
/// </summary>
public sealed partial class SecurePartitionService : IDisposable
{
    private readonly SecurePartitionOptions _options;
    private readonly ILogger _log;
    private readonly ITimer? _timer;
    private readonly Lock _blackBoxLock = new();
    private string _lastLogged = "";
    private volatile bool _applicationStarted;

    /// <summary>Boots the partition: measured boot and boot scan, keys, counter, black box, posture, timer.</summary>
    /// <exception cref="ArgumentException">The board has no key store.</exception>
    public SecurePartitionService(SecurePartitionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keyStore = options.Board.KeyStore ?? throw new ArgumentException("The secure partition needs a key store.", nameof(options));
        _options = options;
        _log = options.Logger ?? NullLogger.Instance;
        Idf = new IntegrityDetectionFunction(options.Board, options.Rom, options.Deployment);
        Keys = new StationKeys(keyStore, options.Board.Storage, options.Board.Random, options.KeyLabelPrefix);
        Counter = new MessageCounter(options.Board.Storage, options.CounterBlockSize);
        BlackBox = new BlackBoxLog(options.BlackBox, options.Board.Storage, Keys.BlackBoxKey());
        Posture = new PostureService(options.Board, options.Rom);
        Record(Idf.Latest);
        Idf.Scanned += Record;
        LogScan(Idf.Latest);
        if (Idf.CompleteUpdate() is { } updated)
        {
            LogScan(updated);
        }

        if (options.PeriodicScans)
        {
            var period = Idf.Policy.ScanPeriod;
            _timer = options.Board.Time.CreateTimer(_ => PeriodicScan(), null, period, period);
        }
    }

    /// <summary>The integrity detection function.</summary>
    public IntegrityDetectionFunction Idf { get; }

    /// <summary>The station's keys.</summary>
    public StationKeys Keys { get; }

    /// <summary>The message counter.</summary>
    public MessageCounter Counter { get; }

    /// <summary>The black box.</summary>
    public BlackBoxLog BlackBox { get; }

    /// <summary>The posture exchange.</summary>
    public PostureService Posture { get; }

    /// <summary>The board's name.</summary>
    public string BoardName => _options.Board.Name;

    /// <summary>The partition's clock.</summary>
    public DateTimeOffset Now => _options.Board.Time.GetUtcNow();

    /// <summary>The partition's time source (the board's).</summary>
    public TimeProvider Time => _options.Board.Time;

    /// <summary>
    /// Augment-and-sign (patent ¶145-153, fig. 6): the per-message check, then generationTime from
    /// the partition's clock, the compact report (level, bitmap, coverage, posture, counter, nonce, time) in
    /// HeaderInfo.contributedExtensions whenever <see cref="ReportTravels"/> says so (the partition decides, from
    /// the signed policy's sending option and the PSID), and one signature by the active AT key over all of it.
    /// </summary>
    /// <exception cref="PartitionException">Refused (the application has not announced its start, no ticket, a PSID that is no message service, bad field, key store failure); nothing is consumed but possibly a counter value.</exception>
    public SignedMessage AugmentAndSign(SignRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireApplicationStarted();
        if (request.Signer is not (SignerChoice.Digest or SignerChoice.Certificate))
        {
            throw new PartitionException(PartitionError.Malformed, "Messages are signed with the AT named by digest or certificate.");
        }

        if (request.Payload.Length > _options.MaxPayloadBytes)
        {
            throw new PartitionException(PartitionError.Malformed, $"The payload exceeds {_options.MaxPayloadBytes} bytes.");
        }

        CheckMessagePsid(request.Psid);
        var scan = Idf.CheckForMessage();
        var (level, detectors) = (scan.Level, scan.Bitmap);
        var (signer, slot) = Keys.ActiveSigner();

        // IEEE 1609.2-2016 §5.2.4 / ETSI TS 103 097 §7.1: the signer's appPermissions must cover the
        // PSID, or every receiver rejects the message; refuse rather than sign it.
        if (signer.Certificate?.ToBeSigned.AppPermissions is not { } permissions || !permissions.Any(p => p.Psid == request.Psid))
        {
            throw new PartitionException(PartitionError.NotPermitted, $"The active ticket does not permit PSID {request.Psid}.");
        }

        var counter = MessageCounter.OnAir(Counter.Next(), slot.CounterOffset);
        Span<byte> nonce = stackalloc byte[8];
        _options.Board.Random.Fill(nonce);
        var time = Time64.Now(_options.Board.Time);
        var header = new HeaderInfo { Psid = request.Psid, GenerationTime = time, GenerationLocation = request.GenerationLocation };
        var include = ReportTravels(request.Psid, scan);
        if (include)
        {
            header = IntegrityReportExtension.Put(header, new IntegrityReport(level, detectors, counter, BinaryPrimitives.ReadUInt64BigEndian(nonce), time)
            {
                Coverage = scan.Coverage,
                Posture = Posture.Grade(time),
            });
        }

        try
        {
            var spdu = signer.SignPayload(request.Payload.Span, header, request.Signer);
            return new SignedMessage(spdu, level, detectors, counter, include, SendingOption);
        }
        catch (KeyStoreException e)
        {
            throw new PartitionException(PartitionError.KeyStoreFailure, $"Signing failed: {e.Message}", e);
        }
    }

    /// <summary>The latest scan (level, bitmap, results, latches) after the per-message check.</summary>
    public ScanResult GetReport()
    {
        _ = Idf.CheckForMessage();
        return Idf.Latest;
    }

    /// <summary>The detailed report of the latest scan (patent ¶127).</summary>
    public DetailedReport GetDetailedReport() => DetailedReport.From(GetReport(), Idf.Boot, _options.Board, Idf.FlashGeneration);

    /// <summary>
    /// Runs a full scan for a trigger the application reports (patent ¶114). A requested scan never
    /// clears a latch. <see cref="TriggerKind.ApplicationStart"/> is the application's announcement of
    /// its start: the scan re-hashes the application's files (a sealed deployment's application
    /// stage; on flash boards every image), and from then on the partition signs for it. If that
    /// measurement finds an anomaly, the application is still served, and every report it gets
    /// carries the (latched) anomaly.
    /// </summary>
    /// <exception cref="PartitionException">
    /// The trigger is one only the partition raises (periodic, boot, message send, and the update
    /// triggers, which it raises itself after the restart that runs an installed update).
    /// </exception>
    public ScanResult TriggerCheck(TriggerKind trigger, string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        if (trigger is TriggerKind.Periodic or TriggerKind.Boot or TriggerKind.MessageSend or TriggerKind.UpdateOverTheAir or TriggerKind.UpdateLocal
            || !Enum.IsDefined(trigger))
        {
            throw new PartitionException(PartitionError.NotPermitted, $"Trigger {trigger} cannot be requested.");
        }

        var result = Idf.Scan(trigger, detail);
        LogScan(result);
        if (trigger == TriggerKind.ApplicationStart)
        {
            _applicationStarted = true;
        }

        return result;
    }

    /// <summary>Whether the application has announced its start (and been measured) since the partition booted.</summary>
    public bool ApplicationStarted => _applicationStarted;

    /// <summary>Refuses anything signed for an application that has not announced its start.</summary>
    /// <exception cref="PartitionException">ApplicationNotStarted.</exception>
    public void RequireApplicationStarted()
    {
        if (!_applicationStarted)
        {
            throw new PartitionException(PartitionError.ApplicationNotStarted,
                "The application has not announced its start (TriggerCheck ApplicationStart): the partition signs nothing for an application it has not measured.");
        }
    }

    /// <summary>
    /// Detailed reports from the black box after a sequence (for upstream forwarding, issue 6): up to
    /// <paramref name="max"/> reports, reading past notes (which do not count towards it).
    /// </summary>
    public IReadOnlyList<(ulong Sequence, DetailedReport Report)> ReadDetailedReports(ulong afterSequence, int max)
    {
        var list = new List<(ulong, DetailedReport)>();
        var after = afterSequence;
        while (list.Count < max)
        {
            var entries = BlackBox.ReadSince(after, max - list.Count);
            if (entries.Count == 0)
            {
                break;
            }

            foreach (var e in entries)
            {
                after = e.Sequence;
                if (e.Kind != BlackBoxEntry.ReportKind)
                {
                    continue;
                }

                try
                {
                    list.Add((e.Sequence, ReportCodec.Decode(e.Payload)));
                }
                catch (Encoding.MalformedDataException)
                {
                    // The verify command names corrupt entries; forwarding skips them.
                }
            }
        }

        return list;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _timer?.Dispose();
        Idf.Scanned -= Record;
    }
}
