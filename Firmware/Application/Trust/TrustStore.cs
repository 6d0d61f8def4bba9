using PkiProtocol;
using PkiProtocol.Trust;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Time;

namespace Firmware.Application.Trust;

/// <summary>
/// What this receiver trusts: the root certificate (the trust anchor, pinned), the CA certificates
/// validated under it and cached by HashedId8, and the authorization tickets whose chain was validated
/// (<see cref="TrustedSigner"/>, cached by HashedId8, least recently used leaving first). Chains are
/// validated with the PKI's <see cref="ChainValidator"/> (every signature, validity nesting,
/// certIssuePermissions and chain length, IEEE 1609.2-2016 §5.1.2); revocation is kept apart
/// (<see cref="RevocationSet"/>) because CRLs change after a chain was cached. Thread-safe: the CAs are an
/// immutable snapshot replaced whole when one is added (rare), so chain validations (their ECDSA verifications)
/// run on every core at once without a lock; the ticket cache has its own short lock.
/// </summary>
public sealed class TrustStore : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Lock _caUpdate = new();
    private volatile CaSnapshot _cas;
    private readonly Dictionary<HashedId8, LinkedListNode<TrustedSigner>> _signers = [];
    private readonly LinkedList<TrustedSigner> _order = new();

    /// <summary>Pins the root.</summary>
    /// <exception cref="ArgumentException">The root is not a self-signed certificate whose signature verifies, or the capacity is below 1.</exception>
    public TrustStore(Certificate root, int maxSigners = 4096)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSigners, 1);
        Root = root;
        MaxSigners = maxSigners;
        _cas = new CaSnapshot(new Dictionary<HashedId8, Certificate> { [root.HashedId8] = root }, new ChainValidator(root));
    }

    /// <summary>The trust anchor.</summary>
    public Certificate Root { get; }

    /// <summary>Most tickets cached.</summary>
    public int MaxSigners { get; }

    /// <summary>The root and every CA certificate validated under it.</summary>
    public IReadOnlyList<Certificate> CaCertificates => [.. _cas.Cas.Values];

    /// <summary>Tickets cached now.</summary>
    public int SignerCount
    {
        get
        {
            lock (_lock)
            {
                return _signers.Count;
            }
        }
    }

    /// <summary>Whether a CA certificate (or the root) with this digest is trusted.</summary>
    public bool IsTrustedCa(HashedId8 digest) => _cas.Cas.ContainsKey(digest);

    /// <summary>
    /// Validates a CA certificate under the root at <paramref name="time"/> and trusts it from then on
    /// (its issuer must be the root or a CA trusted already). A CA already trusted is accepted as is.
    /// </summary>
    /// <exception cref="TrustException">Not a CA certificate, or its chain does not validate.</exception>
    public void AddCa(Certificate ca, Time64 time)
    {
        ArgumentNullException.ThrowIfNull(ca);
        if (ca.ToBeSigned.CertIssuePermissions is not { Count: > 0 })
        {
            throw new TrustException(TrustFailure.ChainInvalid, $"{ca.HashedId8} has no certIssuePermissions: not a CA certificate");
        }

        lock (_caUpdate)
        {
            var current = _cas;
            if (current.Cas.ContainsKey(ca.HashedId8))
            {
                return;
            }

            Validate(current.Validator, ca, time);

            // A new snapshot: validations running now keep the one they started with.
            var cas = new Dictionary<HashedId8, Certificate>(current.Cas) { [ca.HashedId8] = ca };
            var validator = new ChainValidator(Root);
            foreach (var c in cas.Values)
            {
                if (c.HashedId8 != Root.HashedId8)
                {
                    validator.AddCertificate(c);
                }
            }

            _cas = new CaSnapshot(cas, validator);
        }
    }

    /// <summary>The cached ticket with this digest (moved to the front of the cache).</summary>
    public bool TryGetSigner(HashedId8 digest, out TrustedSigner signer)
    {
        lock (_lock)
        {
            if (_signers.TryGetValue(digest, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                signer = node.Value;
                return true;
            }
        }

        signer = null!;
        return false;
    }

    /// <summary>
    /// Validates a ticket's chain at <paramref name="time"/> (the generation time of the message that
    /// carries it, or now for a certificate fetched from the PKI) without caching it: the caller caches it
    /// with <see cref="AddSigner"/> once a message it signed has been accepted.
    /// </summary>
    /// <exception cref="TrustException">The issuer is unknown, the chain is invalid, or the ticket is unusable.</exception>
    public TrustedSigner ValidateSigner(Certificate ticket, Time64 time)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.Type != CertificateType.Explicit || ticket.ToBeSigned.VerifyKeyIndicator.VerificationKey is null)
        {
            throw new TrustException(TrustFailure.Unusable, $"{ticket.HashedId8} is not an explicit certificate (implicit certificates are not supported)");
        }

        var cas = _cas;
        if (ticket.Issuer.IsSelf || !cas.Cas.ContainsKey(ticket.Issuer.Digest))
        {
            throw new TrustException(TrustFailure.UnknownIssuer, $"issuer {ticket.Issuer.Digest} of {ticket.HashedId8} is not a trusted CA");
        }

        // No lock: the snapshot's validator is only read (its maps never change once published).
        var chain = Validate(cas.Validator, ticket, time);

        try
        {
            return new TrustedSigner(chain);
        }
        catch (ArgumentException e)
        {
            throw new TrustException(TrustFailure.Unusable, $"{ticket.HashedId8}: {e.Message}", e);
        }
    }

    /// <summary>Caches a validated ticket (or keeps the entry already there, disposing the new one).</summary>
    public TrustedSigner AddSigner(TrustedSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        lock (_lock)
        {
            if (_signers.TryGetValue(signer.Digest, out var existing))
            {
                if (!ReferenceEquals(existing.Value, signer))
                {
                    signer.Dispose();
                }

                return existing.Value;
            }

            _signers[signer.Digest] = _order.AddFirst(signer);
            while (_signers.Count > MaxSigners)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _signers.Remove(last.Value.Digest);

                // Not disposed: a message being verified may still hold it; the GC releases its key.
            }

            return signer;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var s in _order)
            {
                s.Dispose();
            }

            _order.Clear();
            _signers.Clear();
        }
    }

    private static IReadOnlyList<Certificate> Validate(ChainValidator validator, Certificate certificate, Time64 time)
    {
        try
        {
            return validator.Validate(certificate, time, requireCrls: false);
        }
        catch (PkiException e)
        {
            var failure = e.Failure == PkiFailure.CertificateExpired ? TrustFailure.NotValidAtTime : TrustFailure.ChainInvalid;
            throw new TrustException(failure, e.Message, e);
        }
    }

    private sealed record CaSnapshot(Dictionary<HashedId8, Certificate> Cas, ChainValidator Validator);
}
