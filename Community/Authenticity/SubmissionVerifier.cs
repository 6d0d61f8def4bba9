using System.Security.Cryptography;
using Cti.Taxii;
using PkiProtocol;
using PkiProtocol.Messages;
using V2x;
using V2x.Security;
using V2x.Security.Signing;
using V2x.Time;

namespace Community.Authenticity;

/// <summary>
/// Checks the detached signature that comes with a posted envelope (Cti <see cref="EnvelopeSignature"/>; Docs/community.md
/// "Signed submissions"): IEEE 1609.2 signed data whose only payload is extDataHash = the envelope digest for this
/// collection, PSID 0x0D (<see cref="PkiPsids.UpstreamSummary"/>), a generation time within the freshness window, signed
/// by an authorization ticket carried as the signer certificate whose chain validates under the V2X PKI's trust anchor
/// with current CRLs (<see cref="V2xTrust"/>). It learns a pseudonym, not a vehicle: the ticket names no station (ETSI TS
/// 102 941 separates the EA that knows the station from the AA that issued the ticket), and the hub keeps nothing of it —
/// not the certificate, not its digest — so reasons name no identifier either.
/// </summary>
public sealed class SubmissionVerifier
{
    private readonly V2xTrust _trust;
    private readonly TimeProvider _clock;

    /// <summary>A verifier over <paramref name="trust"/>.</summary>
    /// <param name="trust">The V2X PKI's trust anchor and CRLs.</param>
    /// <param name="clock">The hub's clock.</param>
    /// <param name="maxAge">How old a signature may be (default 5 minutes): a captured post cannot be replayed later.</param>
    /// <param name="maxSkew">How far in the future a generation time may lie (default 30 s of clock difference).</param>
    public SubmissionVerifier(V2xTrust trust, TimeProvider clock, TimeSpan? maxAge = null, TimeSpan? maxSkew = null)
    {
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(clock);
        _trust = trust;
        _clock = clock;
        MaxAge = maxAge ?? TimeSpan.FromMinutes(5);
        MaxSkew = maxSkew ?? TimeSpan.FromSeconds(30);
    }

    /// <summary>Oldest signature accepted.</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>Furthest future generation time accepted.</summary>
    public TimeSpan MaxSkew { get; }

    /// <summary>Verifies <paramref name="signatureHeader"/> (base64, may be null) over <paramref name="envelope"/> posted to <paramref name="collectionId"/>.</summary>
    public async Task<SubmissionVerdict> VerifyAsync(string collectionId, ReadOnlyMemory<byte> envelope, string? signatureHeader, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(collectionId);
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return SubmissionVerdict.Unsigned;
        }

        byte[] encoded;
        try
        {
            encoded = Convert.FromBase64String(signatureHeader.Trim());
        }
        catch (FormatException)
        {
            return SubmissionVerdict.Invalid("the signature is not base64");
        }

        SignedData? signed;
        try
        {
            signed = Ieee1609Dot2Data.Decode(encoded).SignedData;
        }
        catch (DecodeException)
        {
            signed = null;
        }

        if (signed is null)
        {
            return SubmissionVerdict.Invalid("the signature is not IEEE 1609.2 signed data");
        }

        if (Check(signed, collectionId, envelope.Span) is { } refusal)
        {
            return SubmissionVerdict.Invalid(refusal);
        }

        var ticket = signed.Signer.Certificates[0];
        var generated = signed.TbsData.HeaderInfo.GenerationTime!.Value;
        try
        {
            var (validator, verifier) = await _trust.ForIssuerAsync(ticket.Issuer.Digest, cancellationToken).ConfigureAwait(false);
            validator.Validate(ticket, generated, requireCrls: true);
            verifier.Verify(signed);
        }
        catch (PkiException e)
        {
            return SubmissionVerdict.Invalid(e.Failure switch
            {
                PkiFailure.CertificateRevoked => "the authorization ticket is revoked (on its issuer's CRL)",
                PkiFailure.CertificateExpired => "the authorization ticket was not valid when the signature was made",
                _ => "the authorization ticket does not validate under the V2X PKI's trust anchor",
            });
        }
        catch (VerificationException e)
        {
            return SubmissionVerdict.Invalid(e.Failure == VerificationFailure.PsidNotPermitted
                ? "the authorization ticket does not permit upstream summaries (PSID 0x0D)"
                : "the signature does not verify");
        }

        return new SubmissionVerdict(SubmissionAuthenticity.Verified);
    }

    // The structure: signer = one certificate that is a ticket, PSID 0x0D, payload = only extDataHash over this envelope
    // and collection (IEEE 1609.2-2016 §6.3.7), generation time present and fresh. Null when all hold.
    private string? Check(SignedData signed, string collectionId, ReadOnlySpan<byte> envelope)
    {
        if (signed.Signer.Kind != SignerKind.Certificate || signed.Signer.Certificates.Count != 1)
        {
            return "the signer must be an authorization ticket carried as the signer certificate";
        }

        if (signed.Signer.Certificates[0].ToBeSigned.CertIssuePermissions is not null || signed.Signer.Certificates[0].Issuer.IsSelf)
        {
            return "the signer is a CA certificate, not an authorization ticket";
        }

        var header = signed.TbsData.HeaderInfo;
        if (header.Psid != PkiPsids.UpstreamSummary)
        {
            return $"PSID {header.Psid} is not the upstream summaries' ({PkiPsids.UpstreamSummary})";
        }

        var payload = signed.TbsData.Payload;
        if (payload.Data is not null || payload.ExtDataHash is not { Algorithm: V2x.Security.Crypto.HashAlgorithm.Sha256 } hash)
        {
            return "the signed payload must be only the SHA-256 extDataHash of the envelope";
        }

        if (!CryptographicOperations.FixedTimeEquals(hash.Hash.Span, EnvelopeSignature.Digest(collectionId, envelope)))
        {
            return "the signature covers other content or another collection";
        }

        if (header.GenerationTime is not { } generated)
        {
            return "the signature has no generation time";
        }

        var now = Time64.Now(_clock);
        if (generated > now.Add(MaxSkew))
        {
            return "the signature's generation time lies in the future";
        }

        return now.Since(generated) > MaxAge ? "the signature is older than the hub accepts (a replay?)" : null;
    }
}
