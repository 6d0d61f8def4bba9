using Firmware.Application.Trust;
using PkiProtocol;
using PkiProtocol.Messages;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Time;

namespace Firmware.Application.Receiving;

public sealed partial class ReceivePipeline
{
    private const int MaxOrphans = 64;

    // At most this many PKI look-ups at once (besides the rate limit: a slow PKI cannot pile them up).
    private const int MaxConcurrentFetches = 8;

    // Frames waiting for a certificate, by the HashedId8 they wait for (the signer's, or its issuer's).
    private readonly Dictionary<HashedId8, List<Waiting>> _waiting = [];
    private readonly HashSet<HashedId8> _fetching = [];
    private readonly Dictionary<HashedId8, DateTimeOffset> _notFound = [];

    // How often each unknown digest was heard: admission to the wait and to PKI look-ups favours repeated ones
    // (a real neighbour repeats its digest at up to 10 Hz; random digests never repeat).
    private readonly LruTable<HashedId8, int> _sightings;
    private TokenBucket _lookups;

    // Tickets fetched from the PKI whose issuer is not trusted yet, by that issuer's HashedId8.
    private readonly Dictionary<HashedId8, List<Certificate>> _orphans = [];
    private readonly List<Task> _fetches = [];
    private int _waitingCount;
    private DateTimeOffset _nextSweep = DateTimeOffset.MaxValue;

    /// <summary>Digests the PKI answered "not found" for, remembered until their retry time (for tests).</summary>
    internal int RememberedMissing
    {
        get
        {
            lock (_gate)
            {
                return _notFound.Count;
            }
        }
    }

    /// <summary>Completes when every fetch from the PKI started so far has finished and its frames were decided.</summary>
    public Task FetchesSettledAsync()
    {
        lock (_gate)
        {
            _fetches.RemoveAll(t => t.IsCompleted);
            return Task.WhenAll(_fetches.ToArray());
        }
    }

    // Under the gate. Holds the frame until the certificate it needs arrives. When the wait is full, a frame of a
    // digest heard at least twice takes the place of the oldest frame of the digest heard least (a random-digest
    // flood fills the wait but cannot keep a repeating neighbour out); evictions go to `decided`.
    private ReceiveResult Defer(PendingFrame pending, ReceiveResult facts, HashedId8 awaited, ReceiveReason timeoutReason, DateTimeOffset now,
        List<ReceiveResult> decided)
    {
        var until = pending.Deadline ?? facts.ReceivedAt + _options.CertificateWait;
        if (until <= now)
        {
            return Reject(facts, ReceiveStage.Signer, timeoutReason, $"no certificate {awaited} within {_options.CertificateWait.TotalMilliseconds:F0} ms");
        }

        var seen = (_sightings.TryGet(awaited, out var count) ? count : 0) + 1;
        _sightings.Set(awaited, seen);
        _waiting.TryGetValue(awaited, out var list);
        if ((list?.Count ?? 0) >= _options.MaxWaitingPerCertificate
            || (_waitingCount >= _options.MaxWaitingFrames && !(seen >= 2 && EvictLeastSeenLocked(seen, awaited, now, decided))))
        {
            return Reject(facts, ReceiveStage.Signer, ReceiveReason.WaitQueueFull,
                $"{_waitingCount} frames wait already ({list?.Count ?? 0} for certificate {awaited}, heard {seen} time(s))");
        }

        if (list is null)
        {
            list = [];
            _waiting[awaited] = list;
        }

        list.Add(new Waiting(pending.Frame.ToArray(), facts.Source, facts.ReceivedAt, until, timeoutReason, facts));
        _waitingCount++;
        if (until < _nextSweep)
        {
            _nextSweep = until;
        }

        StartFetch(awaited, now, seen);
        return facts with
        {
            Outcome = ReceiveOutcome.Deferred,
            Stage = ReceiveStage.Signer,
            Reason = ReceiveReason.AwaitingCertificate,
            Decision = null,
            Detail = $"waiting for certificate {awaited} until {until:O}",
        };
    }

    private bool EvictLeastSeenLocked(int seen, HashedId8 awaited, DateTimeOffset now, List<ReceiveResult> decided)
    {
        HashedId8? victim = null;
        var least = seen;
        foreach (var (digest, list) in _waiting)
        {
            var heard = _sightings.TryPeek(digest, out var c) ? c : 0;
            if (list.Count > 0 && heard < least && digest != awaited)
            {
                (victim, least) = (digest, heard);
            }
        }

        if (victim is not { } v)
        {
            return false;
        }

        var frames = _waiting[v];
        var w = frames[0];
        frames.RemoveAt(0);
        if (frames.Count == 0)
        {
            _waiting.Remove(v);
        }

        _waitingCount--;
        Statistics.CountWaitEviction();
        decided.Add(Reject(w.Facts with { DecidedAt = now }, ReceiveStage.Signer, ReceiveReason.WaitQueueFull,
            $"evicted from the certificate wait: {v} heard {least} time(s), {awaited} {seen}"));
        return true;
    }

    private void SweepLocked(DateTimeOffset now, List<ReceiveResult> decided)
    {
        // Only when something is due: a frame's wait or a "not found" retry time (no scan per frame under a flood).
        if (now < _nextSweep)
        {
            return;
        }

        var next = DateTimeOffset.MaxValue;

        // A "not found" is remembered until its retry time only: digests off the air cannot grow it without bound.
        foreach (var (digest, retry) in _notFound.ToList())
        {
            if (retry <= now)
            {
                _notFound.Remove(digest);
            }
            else if (retry < next)
            {
                next = retry;
            }
        }

        foreach (var (digest, list) in _waiting.ToList())
        {
            for (var i = list.Count - 1; i >= 0; i--)
            {
                var w = list[i];
                if (w.Deadline > now)
                {
                    next = w.Deadline < next ? w.Deadline : next;
                    continue;
                }

                list.RemoveAt(i);
                _waitingCount--;
                decided.Add(Reject(w.Facts with { DecidedAt = now }, ReceiveStage.Signer, w.TimeoutReason,
                    $"no certificate {digest} within {_options.CertificateWait.TotalMilliseconds:F0} ms"));
            }

            if (list.Count == 0)
            {
                _waiting.Remove(digest);
            }
        }

        _nextSweep = next;
    }

    // A certificate arrived with a frame of its signer: the frames that waited for it (under the gate).
    private List<Waiting>? TakeWaitingLocked(HashedId8 digest)
    {
        if (!_waiting.Remove(digest, out var list))
        {
            return null;
        }

        _waitingCount -= list.Count;
        return list;
    }

    // A frame released from the wait, decoded again (it was kept as octets); its wait's end goes with it.
    private PendingFrame? Readmit(Waiting w, DateTimeOffset now) =>
        Admit(w.Frame, w.Source, w.ReceivedAt, now, out _, w.Facts.Arrival) is { } pending ? pending with { Deadline = w.Deadline } : null;

    // A certificate arrived from outside a frame (the PKI, configuration): the frames that waited for it, each with
    // its signer's turn taken now (under the gate) so no later frame of that signer overtakes it.
    private void ReleaseLocked(HashedId8 digest, DateTimeOffset now, List<(PendingFrame, SignerTurns.Turn)> released)
    {
        foreach (var w in TakeWaitingLocked(digest) ?? [])
        {
            if (Readmit(w, now) is { } pending)
            {
                released.Add((pending, _turns.Take(pending.Key)));
            }
        }
    }

    private void StartFetch(HashedId8 digest, DateTimeOffset now, int seen)
    {
        if (_options.Directory is not { } directory || _fetching.Contains(digest) || _fetching.Count >= MaxConcurrentFetches
            || (_notFound.TryGetValue(digest, out var retry) && retry > now))
        {
            return;
        }

        // Rate limit on look-ups, all digests together: a digest heard once may only use the upper half of the burst,
        // so a random-digest flood leaves the rest to digests that repeat (they are asked for at their next sighting).
        if (!_lookups.TryTake(_load.PkiLookupsPerSecond, _load.PkiLookupBurst, now, keep: seen >= 2 ? 0 : _load.PkiLookupBurst / 2.0))
        {
            return;
        }

        Statistics.CountPkiLookup();
        _fetching.Add(digest);
        _fetches.RemoveAll(t => t.IsCompleted);
        _fetches.Add(Task.Run(() => FetchAsync(directory, digest)));
    }

    private async Task FetchAsync(IPkiDirectory directory, HashedId8 digest)
    {
        Certificate? certificate = null;
        ToBeSignedCrl? crl = null;
        string outcome;
        try
        {
            certificate = await directory.GetCertificateAsync(digest, _stop.Token).ConfigureAwait(false);
            outcome = certificate is null ? "the PKI has no such certificate" : "found";
            if (certificate?.ToBeSigned.CertIssuePermissions is { Count: > 0 })
            {
                // A CA learned at run time needs its CRL before the frames under it can pass the revocation stage
                // (fail closed on a missing CRL); the periodic refresh would come too late for the waiting frames.
                crl = await directory.GetCrlAsync(certificate, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is PkiException or HttpRequestException or OperationCanceledException or ObjectDisposedException)
        {
            outcome = e.Message;
        }

        ReceiveLog.Fetched(_log, _options.Name, digest.ToString(), outcome);
        var released = new List<(PendingFrame, SignerTurns.Turn)>();
        lock (_gate)
        {
            _fetching.Remove(digest);
            var now = _options.Clock.GetUtcNow();
            if (certificate is null)
            {
                var retry = now + _options.FetchRetry;
                _notFound[digest] = retry;
                _nextSweep = retry < _nextSweep ? retry : _nextSweep;

                // Tickets kept for this issuer cannot be admitted: let them go rather than hold them for good.
                _orphans.Remove(digest);
            }
            else
            {
                AdmitLocked(certificate, now, released, throwOnFailure: false, crl);
            }
        }

        RunReleased(released);
    }

    private void AdmitLocked(Certificate certificate, DateTimeOffset now, List<(PendingFrame, SignerTurns.Turn)> released, bool throwOnFailure,
        ToBeSignedCrl? crl = null)
    {
        var digest = certificate.HashedId8;
        var time = Time64.FromUtc(now);
        if (!certificate.Issuer.IsSelf && !Trust.IsTrustedCa(certificate.Issuer.Digest))
        {
            // Its issuer first: keep the certificate until the issuer is admitted.
            var issuer = certificate.Issuer.Digest;
            if (throwOnFailure)
            {
                throw new TrustException(TrustFailure.UnknownIssuer, $"issuer {issuer} of {digest} is not a trusted CA");
            }

            if (_orphans.Values.Sum(o => o.Count) < MaxOrphans)
            {
                (_orphans.TryGetValue(issuer, out var list) ? list : _orphans[issuer] = []).Add(certificate);
                StartFetch(issuer, now, seen: 2);
            }

            return;
        }

        try
        {
            if (certificate.ToBeSigned.CertIssuePermissions is { Count: > 0 })
            {
                Trust.AddCa(certificate, time);

                // Only once the CA itself is validated does its CRL count (its signature was checked by the directory).
                if (crl is not null)
                {
                    Revocations.Apply(digest, crl);
                }
            }
            else if (!Trust.TryGetSigner(digest, out _))
            {
                Trust.AddSigner(Trust.ValidateSigner(certificate, time));
                _backoff.ForgetValidated(digest);
            }
        }
        catch (TrustException e)
        {
            ReceiveLog.NotAdmitted(_log, _options.Name, digest.ToString(), e.Message);
            if (throwOnFailure)
            {
                throw;
            }

            return;
        }

        ReleaseLocked(digest, now, released);
        if (_orphans.Remove(digest, out var waitingTickets))
        {
            foreach (var ticket in waitingTickets)
            {
                AdmitLocked(ticket, now, released, throwOnFailure: false);
            }
        }
    }

    private sealed record Waiting(byte[] Frame, string Source, DateTimeOffset ReceivedAt, DateTimeOffset Deadline, ReceiveReason TimeoutReason, ReceiveResult Facts);
}
