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

    // At most this many PKI look-ups at once: frames signed by random digests cannot turn the receiver into a
    // request flood against the PKI (their frames still wait for a certificate-bearing message, then time out).
    private const int MaxConcurrentFetches = 8;

    // Frames waiting for a certificate, by the HashedId8 they wait for (the signer's, or its issuer's).
    private readonly Dictionary<HashedId8, List<Waiting>> _waiting = [];
    private readonly HashSet<HashedId8> _fetching = [];
    private readonly Dictionary<HashedId8, DateTimeOffset> _notFound = [];

    // Tickets fetched from the PKI whose issuer is not trusted yet, by that issuer's HashedId8.
    private readonly Dictionary<HashedId8, List<Certificate>> _orphans = [];
    private readonly List<Task> _fetches = [];
    private int _waitingCount;

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

    private ReceiveResult Defer(ReceiveResult facts, HashedId8 awaited, ReceiveReason timeoutReason, ReadOnlyMemory<byte> frame, DateTimeOffset? deadline,
        DateTimeOffset now)
    {
        var until = deadline ?? facts.ReceivedAt + _options.CertificateWait;
        if (until <= now)
        {
            return Reject(facts, ReceiveStage.Signer, timeoutReason, $"no certificate {awaited} within {_options.CertificateWait.TotalMilliseconds:F0} ms");
        }

        _waiting.TryGetValue(awaited, out var list);
        if (_waitingCount >= _options.MaxWaitingFrames || (list?.Count ?? 0) >= _options.MaxWaitingPerCertificate)
        {
            return Reject(facts, ReceiveStage.Signer, ReceiveReason.WaitQueueFull, $"{_waitingCount} frames wait already; certificate {awaited} is unknown");
        }

        if (list is null)
        {
            list = [];
            _waiting[awaited] = list;
        }

        list.Add(new Waiting(frame.ToArray(), facts.Source, facts.ReceivedAt, until, timeoutReason, facts));
        _waitingCount++;
        StartFetch(awaited, now);
        return facts with
        {
            Outcome = ReceiveOutcome.Deferred,
            Stage = ReceiveStage.Signer,
            Reason = ReceiveReason.AwaitingCertificate,
            Decision = null,
            Detail = $"waiting for certificate {awaited} until {until:O}",
        };
    }

    private void SweepLocked(DateTimeOffset now, List<ReceiveResult> decided)
    {
        // A "not found" is remembered until its retry time only: digests off the air cannot grow it without bound.
        if (_notFound.Count > 0)
        {
            foreach (var (digest, retry) in _notFound.ToList())
            {
                if (retry <= now)
                {
                    _notFound.Remove(digest);
                }
            }
        }

        if (_waitingCount == 0)
        {
            return;
        }

        foreach (var (digest, list) in _waiting.ToList())
        {
            for (var i = list.Count - 1; i >= 0; i--)
            {
                var w = list[i];
                if (w.Deadline > now)
                {
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
    }

    // A certificate arrived (with a message, or from the PKI): decide the frames that waited for it.
    private void ReleaseLocked(HashedId8 digest, DateTimeOffset now, List<ReceiveResult> decided)
    {
        if (!_waiting.Remove(digest, out var list))
        {
            return;
        }

        _waitingCount -= list.Count;
        foreach (var w in list)
        {
            Evaluate(w.Frame, w.Source, w.ReceivedAt, now, w.Deadline, decided);
        }
    }

    private void StartFetch(HashedId8 digest, DateTimeOffset now)
    {
        if (_options.Directory is not { } directory || _fetching.Contains(digest) || _fetching.Count >= MaxConcurrentFetches
            || (_notFound.TryGetValue(digest, out var retry) && retry > now))
        {
            return;
        }

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
        var decided = new List<ReceiveResult>();
        lock (_gate)
        {
            _fetching.Remove(digest);
            var now = _options.Clock.GetUtcNow();
            if (certificate is null)
            {
                _notFound[digest] = now + _options.FetchRetry;

                // Tickets kept for this issuer cannot be admitted: let them go rather than hold them for good.
                _orphans.Remove(digest);
            }
            else
            {
                AdmitLocked(certificate, now, decided, throwOnFailure: false, crl);
            }
        }

        Publish(decided);
    }

    private void AdmitLocked(Certificate certificate, DateTimeOffset now, List<ReceiveResult> decided, bool throwOnFailure, ToBeSignedCrl? crl = null)
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
                StartFetch(issuer, now);
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

        ReleaseLocked(digest, now, decided);
        if (_orphans.Remove(digest, out var waitingTickets))
        {
            foreach (var ticket in waitingTickets)
            {
                AdmitLocked(ticket, now, decided, throwOnFailure: false);
            }
        }
    }

    private sealed record Waiting(byte[] Frame, string Source, DateTimeOffset ReceivedAt, DateTimeOffset Deadline, ReceiveReason TimeoutReason, ReceiveResult Facts);
}
