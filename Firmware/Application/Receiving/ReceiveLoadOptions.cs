using V2x.Security;

namespace Firmware.Application.Receiving;

/// <summary>
/// How the receiver behaves under load (Docs/trust-decisions.md, "Under load"): the bounded, prioritised receive
/// queue, the memory of failures (negative certificate cache, bad-signature back-off), verify-on-demand, the
/// certificate wait admission and the PKI look-up rate. Every memory here is bounded.
/// </summary>
public sealed record ReceiveLoadOptions
{
    /// <summary>Most frames queued between the radio and the workers (all lanes). Default 2,048.</summary>
    public int QueueCapacity { get; init; } = 2048;

    /// <summary>
    /// Most frames taken off the radio and not yet decoded and admitted to the queue (the intake, in arrival order;
    /// the workers admit from it). A frame arriving when it is full is dropped as the radio's queue overflowing.
    /// Default 4,096.
    /// </summary>
    public int IntakeCapacity { get; init; } = 4096;

    /// <summary>
    /// <see cref="ReceivePipeline.RunAsync"/> binds each worker to a CPU of its own (worker i to the i-th CPU the
    /// process may run on, Linux sched_setaffinity) when it runs no more workers than there are such CPUs, and not
    /// under a real-time scheduling policy (SCHED_FIFO, SCHED_RR: that scheduler spreads woken threads itself). Without it
    /// the kernel's scheduler (CFS) wakes a worker on the core of the thread that woke it (the other worker, or the
    /// one that ran a garbage collection) and leaves two busy workers stacked on one core while the other idles: on
    /// 2 cores the second worker then added almost nothing (Benchmarks/Firmware/README.md, "Issue 10, all cores:
    /// where the workers' time goes"). Default true: one receiver per process, as on the OBU; a process running many
    /// receivers (the bench's simulated OBUs) turns it off and lets the scheduler spread their workers.
    /// </summary>
    public bool BindWorkersToCores { get; init; } = true;

    /// <summary>Most frames queued per signer (its fair share of the queue). Default 64.</summary>
    public int QueuePerSigner { get; init; } = 64;

    /// <summary>
    /// How many frames the queue shed are remembered (generation time and signature r), so an exact copy arriving
    /// later is refused as a duplicate. Default 131,072 (about 10 s of a 13,000 frames/s overload).
    /// </summary>
    public int ShedMemory { get; init; } = 131_072;

    /// <summary>Certificates remembered as failed validation (the negative cache). Default 4,096.</summary>
    public int FailedCertificates { get; init; } = 4096;

    /// <summary>Tickets whose bad signatures are counted. Default 4,096.</summary>
    public int BackoffTickets { get; init; } = 4096;

    /// <summary>Bad signatures (decayed score) at which a ticket is backed off. Default 4.</summary>
    public int BackoffThreshold { get; init; } = 4;

    /// <summary>The score halves this often. Default 5 s.</summary>
    public TimeSpan BackoffHalfLife { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The score's ceiling: how long back-off lasts after the forgeries stop (log2(cap/threshold) half-lives). Default 32 (15 s).</summary>
    public int BackoffScoreCap { get; init; } = 32;

    /// <summary>A backed-off ticket's frames verified per second outside spare capacity (the sampling budget). Default 10.</summary>
    public double BackoffSamplesPerSecond { get; init; } = 10;

    /// <summary>The sampling budget's burst. Default 10.</summary>
    public int BackoffSampleBurst { get; init; } = 10;

    /// <summary>
    /// Frames of backed-off tickets in the suspect lane are verified whenever no other lane has work (true, the
    /// default: forgeries cost only capacity nothing else needs), or only within the sampling budget (false: for an
    /// ECU that must leave its cores to other tasks).
    /// </summary>
    public bool VerifySuspectsWithSpareCapacity { get; init; } = true;

    /// <summary>Verify-on-demand for awareness-only messages. Default off.</summary>
    public VerifyOnDemandMode VerifyOnDemand { get; init; } = VerifyOnDemandMode.Off;

    /// <summary>Under verify-on-demand, one in each window of this many awareness messages of a ticket is verified (which one drawn at random). Default 5.</summary>
    public int VerifyOnDemandSampleEvery { get; init; } = 5;

    /// <summary>
    /// Under verify-on-demand, only a frame that arrives within this long of its generation time may go unverified; a
    /// later one (a delayed copy, perhaps altered: a relay or a replay of a frame this receiver missed) is always
    /// verified. A frame straight from its sender arrives within milliseconds (channel access and air time). Default 100 ms.
    /// </summary>
    public TimeSpan VerifyOnDemandMaxAge { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Frames queued in a frame's lane and the lanes served before it from which <see cref="VerifyOnDemandMode.UnderLoad"/> samples. Default 64.</summary>
    public int VerifyOnDemandBacklog { get; init; } = 64;

    /// <summary>PSIDs whose messages cannot trigger an action (verify-on-demand may sample them). Default CAM only.</summary>
    public IReadOnlySet<Psid> AwarenessOnly { get; init; } = new HashSet<Psid> { Psid.Cam };

    /// <summary>Unknown digests whose sightings are counted (wait admission favours repeated ones). Default 4,096.</summary>
    public int DigestSightings { get; init; } = 4096;

    /// <summary>PKI certificate look-ups per second, all digests together. Default 4.</summary>
    public double PkiLookupsPerSecond { get; init; } = 4;

    /// <summary>PKI look-up burst; a digest seen once may only use the upper half of it. Default 8.</summary>
    public int PkiLookupBurst { get; init; } = 8;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A bound below 1, or a rate or duration not positive.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(AwarenessOnly);
        if (QueueCapacity < 1 || IntakeCapacity < 1 || QueuePerSigner < 1 || ShedMemory < 1 || FailedCertificates < 1 || BackoffTickets < 1 || BackoffThreshold < 1
            || BackoffScoreCap < BackoffThreshold || BackoffSampleBurst < 1 || VerifyOnDemandSampleEvery < 1 || VerifyOnDemandBacklog < 1
            || DigestSightings < 1 || PkiLookupBurst < 1)
        {
            throw new ArgumentException("Load bounds are at least 1, and BackoffScoreCap is at least BackoffThreshold.");
        }

        if (BackoffHalfLife <= TimeSpan.Zero || VerifyOnDemandMaxAge < TimeSpan.Zero || BackoffSamplesPerSecond < 0 || PkiLookupsPerSecond <= 0
            || double.IsNaN(BackoffSamplesPerSecond) || double.IsNaN(PkiLookupsPerSecond))
        {
            throw new ArgumentException("BackoffHalfLife and PkiLookupsPerSecond are positive, BackoffSamplesPerSecond and VerifyOnDemandMaxAge not negative.");
        }
    }
}
