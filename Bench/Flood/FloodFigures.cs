using System.Globalization;
using System.Text;
using Firmware.Application.Receiving;

namespace Bench.Flood;

/// <summary>What one flood run measured (printed by <see cref="ToText"/>).</summary>
internal sealed record FloodFigures
{
    public required VerifyOnDemandMode Mode { get; init; }

    public required int Workers { get; init; }

    public required string LoadBefore { get; init; }

    public required string LoadAfter { get; init; }

    public required int FramesSent { get; init; }

    public required int GenuineMeasured { get; init; }

    public required int GenuineInTime { get; init; }

    public required int GenuineAccepted { get; init; }

    public required int GenuineUnverified { get; init; }

    public required IReadOnlyList<double> LatenciesMs { get; init; }

    public required IReadOnlyDictionary<FloodKind, int> Sent { get; init; }

    /// <summary>Decisions by kind and reason (None: accepted).</summary>
    public required IReadOnlyDictionary<(FloodKind Kind, ReceiveReason Reason), long> Decisions { get; init; }

    public required long ReplaysAccepted { get; init; }

    public required long AttacksAcceptedVerified { get; init; }

    public required long AttacksAcceptedUnverified { get; init; }

    public required ReceiveStatistics Statistics { get; init; }

    public required int PeakWaiting { get; init; }

    public required int PeakQueued { get; init; }

    public required (int FailedCertificates, int BackoffTickets) FailureMemory { get; init; }

    public required long ManagedBeforeBytes { get; init; }

    public required long ManagedPeakBytes { get; init; }

    public required double WallSeconds { get; init; }

    public required double CpuSeconds { get; init; }

    public required double DeadlineMs { get; init; }

    /// <summary>Share of the genuine frames sent during the flood that were accepted within the deadline of their arrival.</summary>
    public double InTimeShare => GenuineMeasured == 0 ? 0 : (double)GenuineInTime / GenuineMeasured;

    /// <summary>The security properties the run must keep whatever the load: no replay and no forgery accepted after verification.</summary>
    public bool Secure => ReplaysAccepted == 0 && AttacksAcceptedVerified == 0;

    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        void Line(FormattableString s) => text.AppendLine(s.ToString(c));
        var sorted = LatenciesMs.Order().ToArray();
        double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

        Line($"== verify-on-demand {Mode}, {Workers} receive worker(s); load average before {LoadBefore}, after {LoadAfter}");
        Line($"frames sent: {FramesSent:N0} ({string.Join(", ", Sent.Select(kv => $"{kv.Key} {kv.Value:N0}"))})");
        Line($"genuine during the flood: {GenuineMeasured:N0}; accepted within {DeadlineMs:0} ms of arrival: {GenuineInTime:N0} = {InTimeShare:P1} (target >= 95 %: {(InTimeShare >= 0.95 ? "met" : "MISSED")}); accepted at all: {GenuineAccepted:N0}, of them unverified (verify-on-demand): {GenuineUnverified:N0}");
        Line($"  latency of accepted genuine frames: p50 {P(0.50):0.0} ms, p95 {P(0.95):0.0} ms, p99 {P(0.99):0.0} ms, max {(sorted.Length == 0 ? double.NaN : sorted[^1]):0.0} ms");
        foreach (var kind in Enum.GetValues<FloodKind>())
        {
            var reasons = Decisions.Where(kv => kv.Key.Kind == kind).OrderByDescending(kv => kv.Value).Select(kv => $"{(kv.Key.Reason == ReceiveReason.None ? "accepted" : kv.Key.Reason.ToString())} {kv.Value:N0}");
            Line($"  {kind,-12} decisions: {string.Join(", ", reasons)}");
        }

        Line($"replays accepted: {ReplaysAccepted:N0} (target 0: {(ReplaysAccepted == 0 ? "met" : "MISSED")}); attack frames accepted after verification: {AttacksAcceptedVerified:N0}; decided unverified (verify-on-demand): {AttacksAcceptedUnverified:N0}");
        var s = Statistics;
        Line($"receiver: {s.SignatureVerifications:N0} message ECDSA ({s.SignatureVerifications / WallSeconds:N0}/s), {s.ChainValidations:N0} chain validations, {s.BackedOff:N0} frames backed off unverified, {s.Unverified:N0} decided unverified, {s.RememberedFailures:N0} refused from the negative cache, {s.Shed:N0} shed, {s.ShedCopies:N0} copies of shed frames refused, {s.WaitEvictions:N0} wait evictions, {s.PkiLookups:N0} PKI look-ups");
        Line($"bounded memory: queue peak {s.QueuePeak:N0} frames (sampled {PeakQueued:N0}), certificate wait peak {PeakWaiting:N0}, failure memory {FailureMemory.FailedCertificates:N0} certificates / {FailureMemory.BackoffTickets:N0} tickets; managed heap {ManagedBeforeBytes / 1048576.0:0.0} MiB before the run (traffic held), peak {ManagedPeakBytes / 1048576.0:0.0} MiB (+{(ManagedPeakBytes - ManagedBeforeBytes) / 1048576.0:0.0} MiB)");
        Line($"cpu: {CpuSeconds:0.0} s over {WallSeconds:0.0} s wall = {CpuSeconds / WallSeconds:0.00} cores (feeder included)");
        return text.ToString();
    }
}
