namespace Firmware.Application.Receiving;

/// <summary>
/// What the receive pipeline spent and saved, counted since it was built (the flood bench prints them; the load
/// tests count verifications with them rather than time). Thread-safe.
/// </summary>
public sealed class ReceiveStatistics
{
    private long _signatureVerifications;
    private long _chainValidations;
    private long _backedOff;
    private long _unverified;
    private long _rememberedFailures;
    private long _shed;
    private long _shedCopies;
    private long _radioDropped;
    private long _waitEvictions;
    private long _pkiLookups;
    private long _queuePeak;

    /// <summary>Message signatures verified (one ECDSA each): stage 7.</summary>
    public long SignatureVerifications => Interlocked.Read(ref _signatureVerifications);

    /// <summary>Ticket chains validated (an ECDSA verification per link to the root).</summary>
    public long ChainValidations => Interlocked.Read(ref _chainValidations);

    /// <summary>Frames of backed-off tickets rejected without verification (<see cref="ReceiveReason.BackedOff"/>).</summary>
    public long BackedOff => Interlocked.Read(ref _backedOff);

    /// <summary>Awareness messages decided without their signature verified (verify-on-demand).</summary>
    public long Unverified => Interlocked.Read(ref _unverified);

    /// <summary>Certificates refused from the negative cache (no chain validation).</summary>
    public long RememberedFailures => Interlocked.Read(ref _rememberedFailures);

    /// <summary>Frames the receive queue shed (<see cref="ReceiveReason.QueueFull"/>).</summary>
    public long Shed => Interlocked.Read(ref _shed);

    /// <summary>Frames the radio link's own queue dropped and reported, or dropped on arrival because the receive intake was full (remembered like shed ones).</summary>
    public long RadioDropped => Interlocked.Read(ref _radioDropped);

    /// <summary>Exact copies of shed (or radio-dropped) frames refused on arrival.</summary>
    public long ShedCopies => Interlocked.Read(ref _shedCopies);

    /// <summary>Waiting frames evicted for a frame of a digest heard more often.</summary>
    public long WaitEvictions => Interlocked.Read(ref _waitEvictions);

    /// <summary>Certificate look-ups sent to the PKI.</summary>
    public long PkiLookups => Interlocked.Read(ref _pkiLookups);

    /// <summary>The most frames the receive queue held at once.</summary>
    public long QueuePeak => Interlocked.Read(ref _queuePeak);

    internal void CountSignatureVerification() => Interlocked.Increment(ref _signatureVerifications);

    internal void CountChainValidation() => Interlocked.Increment(ref _chainValidations);

    internal void CountBackedOff() => Interlocked.Increment(ref _backedOff);

    internal void CountUnverified() => Interlocked.Increment(ref _unverified);

    internal void CountRememberedFailure() => Interlocked.Increment(ref _rememberedFailures);

    internal void CountShed() => Interlocked.Increment(ref _shed);

    internal void CountShedCopy() => Interlocked.Increment(ref _shedCopies);

    internal void CountRadioDropped() => Interlocked.Increment(ref _radioDropped);

    internal void CountWaitEviction() => Interlocked.Increment(ref _waitEvictions);

    internal void CountPkiLookup() => Interlocked.Increment(ref _pkiLookups);

    internal void ObserveQueueDepth(int depth)
    {
        long peak;
        while (depth > (peak = Interlocked.Read(ref _queuePeak)) && Interlocked.CompareExchange(ref _queuePeak, depth, peak) != peak)
        {
            // Another worker raised it meanwhile: read again.
        }
    }
}
