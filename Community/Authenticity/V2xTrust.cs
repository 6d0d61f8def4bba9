using PkiProtocol;
using PkiProtocol.Client;
using PkiProtocol.Messages;
using PkiProtocol.Trust;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Signing;
using V2x.Time;

namespace Community.Authenticity;

/// <summary>
/// The hub's view of the V2X PKI: its trust anchor (the root certificate, configured), the CA certificates met as
/// issuers of tickets (fetched from the PKI service by HashedId8 and validated under the root with the root's CRL),
/// and the CRL of each (ETSI TS 102 941 v1.4.1 §6.3.3), fetched again after <see cref="CrlRefresh"/> or once its
/// nextUpdate passed. Fails closed: a CA whose current CRL cannot be had validates nothing.
/// </summary>
public sealed class V2xTrust : IDisposable
{
    private readonly PkiClient _pki;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<HashedId8, Certificate> _cas = [];
    private readonly Dictionary<HashedId8, (ToBeSignedCrl Crl, DateTimeOffset FetchedAt)> _crls = [];
    private readonly HashSet<HashedId8> _unknown = [];
    private (ChainValidator Validator, SpduVerifier Verifier)? _built;

    /// <summary>Trust in <paramref name="pki"/>'s root (<see cref="PkiClient.Root"/>, pinned by configuration).</summary>
    public V2xTrust(PkiClient pki, TimeProvider clock, TimeSpan? crlRefresh = null)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(clock);
        _pki = pki;
        _clock = clock;
        CrlRefresh = crlRefresh ?? TimeSpan.FromMinutes(5);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CrlRefresh, TimeSpan.Zero, nameof(crlRefresh));
        _cas[pki.Root.HashedId8] = pki.Root;
    }

    /// <summary>The trust anchor.</summary>
    public Certificate Root => _pki.Root;

    /// <summary>How long a fetched CRL is used before it is fetched again.</summary>
    public TimeSpan CrlRefresh { get; }

    /// <summary>
    /// A chain validator holding every known CA with a current CRL, and a signature verifier trusting them, once
    /// <paramref name="issuer"/> is known (fetched if need be).
    /// </summary>
    /// <exception cref="PkiException">The issuer is unknown to the PKI, not a CA under the root, or a CRL cannot be had.</exception>
    public async Task<(ChainValidator Validator, SpduVerifier Verifier)> ForIssuerAsync(HashedId8 issuer, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changed = await RefreshCrlAsync(Root, cancellationToken).ConfigureAwait(false);
            if (!_cas.TryGetValue(issuer, out var ca))
            {
                ca = await FetchCaAsync(issuer, cancellationToken).ConfigureAwait(false);
                changed = true;
            }

            changed |= await RefreshCrlAsync(ca, cancellationToken).ConfigureAwait(false);
            if (changed || _built is null)
            {
                _built = Build();
            }

            return _built.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _built?.Verifier.Cache.Dispose();
        _gate.Dispose();
    }

    private async Task<Certificate> FetchCaAsync(HashedId8 issuer, CancellationToken cancellationToken)
    {
        // An issuer the PKI does not know stays unknown until the next CRL refresh of the root (no fetch per request).
        if (_unknown.Contains(issuer))
        {
            throw new PkiException(PkiFailure.ChainInvalid, "the ticket's issuer is not a CA of the V2X PKI");
        }

        var ca = await _pki.GetCertificateAsync(issuer, cancellationToken).ConfigureAwait(false);
        if (ca is null || ca.ToBeSigned.CertIssuePermissions is not { Count: > 0 })
        {
            _unknown.Add(issuer);
            throw new PkiException(PkiFailure.ChainInvalid, "the ticket's issuer is not a CA of the V2X PKI");
        }

        // Validated under the root with the root's current CRL (a revoked CA is refused here).
        var validator = new ChainValidator(Root);
        validator.AddCrl(Root.HashedId8, _crls[Root.HashedId8].Crl);
        validator.Validate(ca, Time64.Now(_clock), requireCrls: true);
        _cas[issuer] = ca;
        return ca;
    }

    // Fetches the CA's CRL when none is held, it is older than CrlRefresh, or its nextUpdate passed; true when it changed.
    private async Task<bool> RefreshCrlAsync(Certificate ca, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (_crls.TryGetValue(ca.HashedId8, out var held) && held.FetchedAt + CrlRefresh > now && held.Crl.NextUpdate.ToUtc() > now)
        {
            return false;
        }

        try
        {
            _crls[ca.HashedId8] = (await _pki.GetCrlAsync(ca, cancellationToken).ConfigureAwait(false), now);
        }
        catch (Exception e) when (e is HttpRequestException or PkiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Keep a CRL that is still current; without one the CA validates nothing (ChainValidator, requireCrls).
            if (!_crls.TryGetValue(ca.HashedId8, out var current) || current.Crl.NextUpdate.ToUtc() <= now)
            {
                _crls.Remove(ca.HashedId8);
                throw new PkiException(PkiFailure.ChainInvalid, "the current CRL of the ticket's issuer cannot be had");
            }

            return false;
        }

        if (ca.HashedId8 == Root.HashedId8)
        {
            _unknown.Clear();
        }

        return true;
    }

    // A new snapshot; the previous one may still be in use by a request and is left to the collector.
    private (ChainValidator, SpduVerifier) Build()
    {
        var validator = new ChainValidator(Root);
        var verifier = new SpduVerifier(new VerificationKeyCache(256));
        foreach (var ca in _cas.Values)
        {
            validator.AddCertificate(ca);
            verifier.Trust(ca);
        }

        foreach (var (digest, (crl, _)) in _crls)
        {
            validator.AddCrl(digest, crl);
        }

        return (validator, verifier);
    }
}
