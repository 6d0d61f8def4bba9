using PkiProtocol;
using PkiProtocol.Client;
using PkiProtocol.Trust;
using V2x.Security.Certificates;
using V2x.Time;

namespace PostureServer.Service;

/// <summary>
/// Who may ask for a posture (patent ¶216, Docs/posture.md): a station enrolled at the PKI. The request's envelope is
/// signed by the station's enrolment credential (signer certificate); this validates that certificate under the PKI's
/// pinned root through the EA (ETSI TS 102 941 v1.4.1 §6.1.3: EC issued by the EA, EA by the root) with both CRLs current,
/// fetched from the PKI (<see cref="PkiClient"/>) and kept for <see cref="Refresh"/>.
/// </summary>
public sealed class RequesterTrust
{
    /// <summary>How long the fetched EA certificate and CRLs are used before they are fetched again.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(10);

    private readonly PkiClient _pki;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (ChainValidator Validator, Certificate Ea, DateTimeOffset FetchedAt)? _current;

    /// <param name="pki">The PKI client (pinned root).</param>
    /// <param name="clock">The server's clock.</param>
    public RequesterTrust(PkiClient pki, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(clock);
        _pki = pki;
        _clock = clock;
    }

    /// <summary>Validates an enrolment credential; returns nothing, throws why not.</summary>
    /// <exception cref="PkiException">ChainInvalid, revoked, or the PKI could not be reached.</exception>
    public async Task ValidateAsync(Certificate enrolmentCredential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(enrolmentCredential);
        var (validator, ea) = await ValidatorAsync(cancellationToken).ConfigureAwait(false);
        var chain = validator.Validate(enrolmentCredential, Time64.Now(_clock), requireCrls: true);
        if (chain.Count != 3 || chain[1].HashedId8 != ea.HashedId8)
        {
            throw new PkiException(PkiFailure.ChainInvalid, $"certificate {enrolmentCredential.HashedId8} is not an enrolment credential of the PKI's EA");
        }
    }

    private async Task<(ChainValidator Validator, Certificate Ea)> ValidatorAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _clock.GetUtcNow();
            if (_current is { } c && now - c.FetchedAt < Refresh)
            {
                return (c.Validator, c.Ea);
            }

            var ea = await _pki.TrustedCaAsync("ea", null, cancellationToken).ConfigureAwait(false);
            var validator = new ChainValidator(_pki.Root);
            validator.AddCertificate(ea);
            validator.AddCrl(_pki.Root.HashedId8, await _pki.GetCrlAsync(_pki.Root, cancellationToken).ConfigureAwait(false));
            validator.AddCrl(ea.HashedId8, await _pki.GetCrlAsync(ea, cancellationToken).ConfigureAwait(false));
            _current = (validator, ea, now);
            return (validator, ea);
        }
        finally
        {
            _gate.Release();
        }
    }
}
