using Firmware.Application.Decisions;
using Firmware.Application.Replay;
using Firmware.Application.Trust;
using Hardware.Random;
using Microsoft.Extensions.Logging;
using V2x.Security;

namespace Firmware.Application.Receiving;

/// <summary>What a <see cref="ReceivePipeline"/> is built from.</summary>
public sealed record ReceiverOptions
{
    /// <summary>The trust anchor and the certificates validated under it.</summary>
    public required TrustStore Trust { get; init; }

    /// <summary>The receiver's clock (tests pass FakeTimeProvider).</summary>
    public required TimeProvider Clock { get; init; }

    /// <summary>
    /// The host's monotonic clock that stamps each frame's arrival (<see cref="ReceiveResult.Arrival"/>, its
    /// <see cref="TimeProvider.GetTimestamp"/>): how long a frame took from arrival to decision, in the host's time,
    /// when <see cref="Clock"/> runs another (a simulation's). Default <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider ArrivalClock { get; init; } = TimeProvider.System;

    /// <summary>The revoked certificates (filled by a <see cref="CrlRefresher"/>).</summary>
    public RevocationSet Revocations { get; init; } = new();

    /// <summary>Where unknown certificates are fetched by HashedId8; null to only wait for a certificate-bearing message.</summary>
    public IPkiDirectory? Directory { get; init; }

    /// <summary>The decision table's inputs.</summary>
    public DecisionPolicy Decisions { get; init; } = new();

    /// <summary>Bounds of the replay state.</summary>
    public ReplayOptions Replay { get; init; } = new();

    /// <summary>The default freshness per PSID: CAM 2 s / 40 ms, DENM 10 s / 40 ms.</summary>
    public static IReadOnlyDictionary<Psid, FreshnessWindow> DefaultFreshnessByPsid { get; } = new Dictionary<Psid, FreshnessWindow>
    {
        [Psid.Cam] = FreshnessWindow.Cam,
        [Psid.Denm] = FreshnessWindow.Denm,
    };

    /// <summary>The station's own tickets and addresses: frames matching them are rejected as <see cref="ReceiveReason.OwnMessage"/>. Null: none.</summary>
    public OwnMessages? Own { get; init; }

    /// <summary>
    /// The farthest a single-hop sender may claim to be from this receiver (IEEE 1609.2's relevance check of the
    /// generation location; TS 103 759's range plausibility): a GeoNetworking single-hop packet (SHB or beacon, EN 302
    /// 636-4-1 §10.3.10, never forwarded) whose signed source position is farther than this from the receiver's own fix
    /// came through a relay, not over the air from its sender, and is rejected (<see cref="ReceiveReason.TooFar"/>).
    /// Default 1,500 m, beyond what an ITS-G5 / C-V2X sidelink carries; null: not checked. Multi-hop packets (GBC, TSB)
    /// are forwarded by design and not checked.
    /// </summary>
    public double? MaxSingleHopDistanceMetres { get; init; } = DefaultMaxSingleHopDistanceMetres;

    /// <summary>The default of <see cref="MaxSingleHopDistanceMetres"/>: 1,500 m.</summary>
    public const double DefaultMaxSingleHopDistanceMetres = 1500;

    /// <summary>The receiver's own position for <see cref="MaxSingleHopDistanceMetres"/> (its GNSS fix); null, or a null fix, and the distance is not checked.</summary>
    public Func<(double Latitude, double Longitude)?>? OwnPosition { get; init; }

    /// <summary>Freshness per PSID (<see cref="DefaultFreshnessByPsid"/> unless set).</summary>
    public IReadOnlyDictionary<Psid, FreshnessWindow> Freshness { get; init; } = DefaultFreshnessByPsid;

    /// <summary>Freshness of any PSID not in <see cref="Freshness"/>.</summary>
    public FreshnessWindow DefaultFreshness { get; init; } = FreshnessWindow.Default;

    /// <summary>Refuse a chain whose CAs' CRLs are missing or out of date (fail closed). Default true.</summary>
    public bool RequireCurrentCrls { get; init; } = true;

    /// <summary>UN M.49 codes of the countries this receiver operates in (identified regions). Default Germany (276), the bench PKI's country.</summary>
    public IReadOnlySet<ushort> OperatingCountries { get; init; } = new HashSet<ushort> { 276 };

    /// <summary>
    /// How long a frame signed with an unknown digest waits for the certificate (ETSI TS 103 097 v2.1.1
    /// §7.1.1: a CAM carries the certificate at least once a second). Default 1.5 s.
    /// </summary>
    public TimeSpan CertificateWait { get; init; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Most frames waiting at once.</summary>
    public int MaxWaitingFrames { get; init; } = 256;

    /// <summary>Most frames waiting for one certificate.</summary>
    public int MaxWaitingPerCertificate { get; init; } = 16;

    /// <summary>After the PKI answered "no such certificate", how long before asking again.</summary>
    public TimeSpan FetchRetry { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Behaviour under load: the receive queue, the memory of failures, verify-on-demand, wait admission and PKI look-up rates.</summary>
    public ReceiveLoadOptions Load { get; init; } = new();

    /// <summary>Random bytes: which awareness message of a verify-on-demand window is verified, which frame the queue sheds (unpredictable to a sender).</summary>
    public IRandomSource Random { get; init; } = SystemRandomSource.Instance;

    /// <summary>
    /// The feed's default length (<see cref="RecentDecisions"/>): the last 64 decisions, about a third of a second of a
    /// busy channel (Docs/bench.md: 140 to 280 frames/s heard at 100 OBUs), for diagnosis. Each entry holds its decoded
    /// frame (about 4 KB of objects), which every garbage collection finds alive and copies once to an older generation:
    /// at 1,024 entries, ~4 MB per collection, the receive path's GC pauses were 21.7 ms per 4,096-frame burst on every
    /// core against 16.6 ms at 64 (Benchmarks/Firmware/README.md, "Issue 10, all cores: interleaved"). The totals by
    /// reason, decision and outcome count every decision whatever the length.
    /// </summary>
    public const int DefaultRecentDecisions = 64;

    /// <summary>How many recent decisions the feed keeps (each holds its decoded frame).</summary>
    public int RecentDecisions { get; init; } = DefaultRecentDecisions;

    /// <summary>The receiver's name in logs.</summary>
    public string Name { get; init; } = "obu";

    /// <summary>Structured log (one entry per decision).</summary>
    public ILogger? Logger { get; init; }

    /// <summary>The freshness window of a PSID.</summary>
    public FreshnessWindow FreshnessOf(Psid psid) => Freshness.TryGetValue(psid, out var w) ? w : DefaultFreshness;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A bound below 1, a negative window, or an invalid decision policy.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Trust);
        ArgumentNullException.ThrowIfNull(Clock);
        ArgumentNullException.ThrowIfNull(ArrivalClock);
        ArgumentNullException.ThrowIfNull(Revocations);
        ArgumentNullException.ThrowIfNull(Decisions);
        ArgumentNullException.ThrowIfNull(Replay);
        ArgumentNullException.ThrowIfNull(Load);
        ArgumentNullException.ThrowIfNull(Random);
        Decisions.Validate();
        Load.Validate();
        if (MaxWaitingFrames < 1 || MaxWaitingPerCertificate < 1 || RecentDecisions < 1)
        {
            throw new ArgumentException("MaxWaitingFrames, MaxWaitingPerCertificate and RecentDecisions are at least 1.");
        }

        if (MaxSingleHopDistanceMetres is { } range && (double.IsNaN(range) || range <= 0))
        {
            throw new ArgumentException("MaxSingleHopDistanceMetres is positive (or null: not checked).");
        }

        if (CertificateWait < TimeSpan.Zero || FetchRetry < TimeSpan.Zero)
        {
            throw new ArgumentException("CertificateWait and FetchRetry are not negative.");
        }

        foreach (var w in Freshness.Values.Append(DefaultFreshness))
        {
            if (w.MaxAge < TimeSpan.Zero || w.MaxAhead < TimeSpan.Zero)
            {
                throw new ArgumentException("Freshness windows are not negative.");
            }

            // Fail closed: an exact replay must still be remembered for as long as it would pass the freshness
            // check, else a message without a counter (a legacy sender's) could be replayed once it left the window.
            if (w.MaxAge + w.MaxAhead > Replay.RecentWindow)
            {
                throw new ArgumentException(
                    $"Replay.RecentWindow ({Replay.RecentWindow.TotalSeconds:F1} s) must cover every freshness window (max age + max ahead, here {(w.MaxAge + w.MaxAhead).TotalSeconds:F1} s).");
            }
        }
    }
}
