using Pki.Store;
using PkiProtocol;
using PkiProtocol.Messages;
using PkiProtocol.Protocol;
using V2x;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Encryption;
using V2x.Security.Signing;
using V2x.Time;

namespace Pki.Authorities;

/// <summary>
/// The authorization authority, or the per-model AAs (ETSI TS 102 941 v1.4.1 §6.2.3.3): checks the
/// station's proof of possession of the AT key and the keyTag, forwards the shared part of the request and
/// the (encrypted) EC signature to the EA, and issues the AT from the attributes the EA confirms: CAM/DENM
/// permissions, assuranceLevel, and the IDF-assurance permission only when the EA confirmed a level. The AA
/// never learns the station: it sees neither the EC nor the canonical identifier.
/// </summary>
public sealed class AuthorizationAuthority
{
    private readonly PkiContext _context;
    private readonly Func<byte[], byte[]> _validate;

    /// <param name="context">The PKI.</param>
    /// <param name="validate">The EA's authorization validation (in process on the bench, over HTTP across machines).</param>
    public AuthorizationAuthority(PkiContext context, Func<byte[], byte[]> validate)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(validate);
        _context = context;
        _validate = validate;
    }

    /// <summary>
    /// Handles an AuthorizationRequestMessageWithPop: encrypted for one of this PKI's AAs, signed with the AT
    /// key (signer self). Returns the AuthorizationResponseMessage encrypted with the request's data key.
    /// </summary>
    /// <exception cref="PkiException">The request is refused; the failure says why.</exception>
    public byte[] ProcessAuthorization(ReadOnlyMemory<byte> message)
    {
        lock (_context.Operation)
        {
            var now = _context.Now;
            var decryptor = new SpduDecryptor();
            foreach (var aa in _context.Cas(AuthorityRole.Authorization))
            {
                decryptor.AddCertificateKey(aa.Certificate, aa.EncryptionKey!);
            }

            var opened = SecuredMessages.Open(message, decryptor, now, PkiPsids.CertificateRequest);
            var aaKeys = _context.Cas(AuthorityRole.Authorization).First(a => a.Certificate.HashedId8 == opened.Recipient.RecipientId);
            if (opened.Content.Kind != EtsiTs102941Content.AuthorizationRequest)
            {
                throw new PkiException(PkiFailure.WrongContent, $"expected an authorizationRequest, got {opened.Content.Kind}");
            }

            var request = opened.Content.As<InnerAtRequest>();
            if (opened.Signed.Signer.Kind != SignerKind.Self)
            {
                throw new PkiException(PkiFailure.BadSignature, "the AT request is signed with the AT key (signer self)");
            }

            SecuredMessages.VerifySelf(opened.Signed, request.PublicKeys.VerificationKey, "AT request (proof of possession)");
            var keyTag = InnerAtRequest.ComputeKeyTag(request.HmacKey.Span, request.PublicKeys);
            if (!keyTag.AsSpan().SequenceEqual(request.SharedAtRequest.KeyTag.Span))
            {
                throw new PkiException(PkiFailure.KeysDontMatch, "keyTag does not match the public keys and hmacKey (its-aa-keysdontmatch)");
            }

            var ea = _context.Ca(AuthorityRole.Enrolment);
            if (request.SharedAtRequest.EaId != ea.Certificate.HashedId8)
            {
                throw new PkiException(PkiFailure.WrongAuthority, $"EA {request.SharedAtRequest.EaId} is unknown (its-aa-unknownea)");
            }

            var start = TicketStart(request.SharedAtRequest.RequestedSubjectAttributes.ValidityPeriod, now, aaKeys.Certificate);
            var confirmed = Validate(aaKeys, ea.Certificate, request, now);
            var ticket = CertificateIssuer.Issue(CertificateProfiles.Ticket(request.PublicKeys.VerificationKey, request.PublicKeys.EncryptionKey, start,
                _context.Options.TicketLifetime, _context.Region, confirmed.AssuranceLevel,
                CertificateProfiles.IssuableBy(aaKeys.Certificate, confirmed.AppPermissions ?? []), confirmed.IntDetectAssuranceLevel),
                aaKeys.Certificate, aaKeys.SigningKey);

            using (var tx = _context.Store.Begin())
            {
                tx.AddCertificate(ticket, "at");
                tx.AddResolution(new ResolutionRecord(ticket.HashedId8, aaKeys.Certificate.HashedId8, ea.Certificate.HashedId8,
                    request.EcSignature.Data.Encoded.ToArray(), ticket.ToBeSigned.ValidityPeriod.End));
                tx.Commit();
            }

            var response = new InnerAtResponse(OerExtensions.RequestHash(message.Span), AuthorizationResponseCode.Ok, ticket);
            return SecuredMessages.SignAndEncryptResponse(EtsiTs102941Data.AuthorizationResponse(response), aaKeys.Signer, opened.DataKey, now);
        }
    }

    // TS 102 941 v1.4.1 §6.2.3.4: AuthorizationValidationRequestMessage, signed by the AA and encrypted for the EA.
    private SubjectAttributes Validate(CaKeys aa, Certificate ea, InnerAtRequest request, Time64 now)
    {
        var validation = new AuthorizationValidationRequest(request.SharedAtRequest, request.EcSignature);
        var sent = SecuredMessages.SignAndEncrypt(EtsiTs102941Data.ValidationRequest(validation), aa.Signer, SignerChoice.Digest, ea, now, out var dataKey);
        var reply = _validate(sent);
        var decryptor = new SpduDecryptor();
        decryptor.AddPreSharedKey(dataKey);
        var opened = SecuredMessages.Open(reply, decryptor, now, PkiPsids.CertificateRequest);
        if (opened.Content.Kind != EtsiTs102941Content.AuthorizationValidationResponse)
        {
            throw new PkiException(PkiFailure.WrongContent, $"the EA answered {opened.Content.Kind}");
        }

        SecuredMessages.VerifyBy(opened.Signed, ea, "authorization validation response");
        var response = opened.Content.As<AuthorizationValidationResponse>();
        if (!response.RequestHash.Span.SequenceEqual(OerExtensions.RequestHash(sent)))
        {
            throw new PkiException(PkiFailure.WrongContent, "the EA's response answers another request (requestHash)");
        }

        return response.ResponseCode == AuthorizationValidationResponseCode.Ok
            ? response.ConfirmedSubjectAttributes!
            : throw new PkiException(PkiFailure.DeniedPermissions, $"the EA refused: {response.ResponseCode}");
    }

    /// <summary>
    /// The AT's start: the requested start (or now), rounded down to the PKI's quantum, no earlier than the
    /// current quantum and no further ahead than allowed, and the AT must end within the AA's validity.
    /// </summary>
    private Time32 TicketStart(ValidityPeriod? requested, Time64 now, Certificate aa)
    {
        var quantum = (uint)_context.Options.TicketQuantum.TotalSeconds;
        var nowSeconds = (uint)(now.Microseconds / 1_000_000);
        var current = nowSeconds / quantum * quantum;
        var wanted = requested is { } r ? r.Start.Seconds / quantum * quantum : current;
        if (wanted < current || wanted > nowSeconds + (uint)_context.Options.TicketMaxAhead.TotalSeconds)
        {
            throw new PkiException(PkiFailure.DeniedPermissions,
                $"the requested start {new Time32(wanted).ToUtc():O} is before the current quantum or more than {_context.Options.TicketMaxAhead.TotalDays:F0} days ahead");
        }

        var start = new Time32(wanted);
        if (start.ToTime64().Add(_context.Options.TicketLifetime) > aa.ToBeSigned.ValidityPeriod.End)
        {
            throw new PkiException(PkiFailure.DeniedPermissions, "an AT starting then would outlive the AA certificate");
        }

        return start;
    }
}
