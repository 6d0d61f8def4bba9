using System.Security.Cryptography;
using System.Text;
using PkiProtocol.Messages;
using PkiProtocol.Misbehaviour;
using PkiProtocol.Protocol;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Encryption;
using V2x.Security.Signing;
using V2x.Time;

namespace PkiProtocol.Client;

/// <summary>
/// The station side of ETSI TS 102 941 v1.4.1 §6.2.3 without transport: builds the request messages and reads
/// the responses. Every signature is made through <see cref="ISignatureKey"/>, so the private keys can stay in
/// the OBU's secure partition; only the per-request AES data key and the HMAC key pass through here.
/// </summary>
public static class StationRequests
{
    /// <summary>
    /// EnrolmentRequestMessage (§6.2.3.2.1): InnerEcRequest signed with the new EC key (proof of possession),
    /// wrapped in EtsiTs102941Data, signed with the canonical key (signer self), encrypted for the EA.
    /// </summary>
    public static byte[] Enrolment(string stationId, ISignatureKey canonicalKey, ISignatureKey ecKey, Certificate ea, Time64 now, out byte[] dataKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stationId);
        ArgumentNullException.ThrowIfNull(canonicalKey);
        ArgumentNullException.ThrowIfNull(ecKey);
        ArgumentNullException.ThrowIfNull(ea);
        var inner = new InnerEcRequest(Encoding.UTF8.GetBytes(stationId), 1, new PublicKeys(ecKey.PublicKey),
            new SubjectAttributes { AppPermissions = [new PsidSsp(PkiPsids.CertificateRequest, ServiceSpecificPermissions.Bitmap([0x01]))] });
        var writer = new V2x.Oer.OerWriter(128);
        inner.Encode(writer);
        var pop = new SpduSigner(ecKey, null).SignPayload(writer.ToArray(),
            new HeaderInfo { Psid = PkiPsids.CertificateRequest, GenerationTime = now }, SignerChoice.Self);
        var data = EtsiTs102941Data.EnrolmentRequest(V2x.Security.Ieee1609Dot2Data.Decode(pop));
        return SecuredMessages.SignAndEncrypt(data, new SpduSigner(canonicalKey, null), SignerChoice.Self, ea, now, out dataKey);
    }

    /// <summary>Reads an EnrolmentResponseMessage: decrypts with the request's data key, checks the EA's signature and the request hash.</summary>
    /// <exception cref="PkiException">Not a valid response to this request.</exception>
    public static Certificate ReadEnrolmentResponse(ReadOnlyMemory<byte> response, ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> request, Certificate ea, Time64 now)
    {
        var opened = OpenResponse(response, dataKey, ea, now, EtsiTs102941Content.EnrolmentResponse);
        var inner = opened.Content.As<InnerEcResponse>();
        CheckHash(inner.RequestHash.Span, request);
        return inner.ResponseCode == EnrolmentResponseCode.Ok
            ? inner.Certificate!
            : throw new PkiException(PkiFailure.DeniedPermissions, $"the EA refused the enrolment: {inner.ResponseCode}");
    }

    /// <summary>
    /// AuthorizationRequestMessageWithPop (§6.2.3.3.1): a fresh hmacKey and keyTag, the SharedAtRequest signed by
    /// the EC as an external payload and encrypted for the EA (so the AA never sees which EC signed), signed with
    /// the AT key (signer self) and encrypted for the AA.
    /// </summary>
    public static byte[] Authorization(Certificate ec, ISignatureKey ecKey, ISignatureKey atKey, Certificate ea, Certificate aa, TicketRequest request,
        Time64 now, out byte[] dataKey)
    {
        ArgumentNullException.ThrowIfNull(ec);
        ArgumentNullException.ThrowIfNull(ecKey);
        ArgumentNullException.ThrowIfNull(atKey);
        ArgumentNullException.ThrowIfNull(ea);
        ArgumentNullException.ThrowIfNull(aa);
        ArgumentNullException.ThrowIfNull(request);
        var keys = new PublicKeys(atKey.PublicKey);
        var hmacKey = RandomNumberGenerator.GetBytes(32);
        ValidityPeriod? validity = request.Start is { } start
            ? new ValidityPeriod(Time32.FromUtc(start), new Duration(DurationUnit.Hours, 1))
            : null;
        var shared = new SharedAtRequest(ea.HashedId8, InnerAtRequest.ComputeKeyTag(hmacKey, keys), 1,
            new SubjectAttributes { ValidityPeriod = validity, AppPermissions = request.Permissions });
        var ecSigned = new SpduSigner(ecKey, ec).SignExternalPayload(shared.ToBytes(),
            new HeaderInfo { Psid = PkiPsids.CertificateRequest, GenerationTime = now }, SignerChoice.Digest);
        var encryptedEcSignature = SpduEncryptor.EncryptForCertificate(ecSigned, ea, out _);
        var inner = new InnerAtRequest(keys, hmacKey, shared, new EcSignature(true, V2x.Security.Ieee1609Dot2Data.Decode(encryptedEcSignature)));
        return SecuredMessages.SignAndEncrypt(EtsiTs102941Data.AuthorizationRequest(inner), new SpduSigner(atKey, null), SignerChoice.Self, aa, now, out dataKey);
    }

    /// <summary>Reads an AuthorizationResponseMessage and checks that the AT certifies <paramref name="atKey"/>.</summary>
    /// <exception cref="PkiException">Not a valid response to this request.</exception>
    public static Certificate ReadAuthorizationResponse(ReadOnlyMemory<byte> response, ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> request, Certificate aa,
        PublicVerificationKey atKey, Time64 now)
    {
        ArgumentNullException.ThrowIfNull(atKey);
        var opened = OpenResponse(response, dataKey, aa, now, EtsiTs102941Content.AuthorizationResponse);
        var inner = opened.Content.As<InnerAtResponse>();
        CheckHash(inner.RequestHash.Span, request);
        if (inner.ResponseCode != AuthorizationResponseCode.Ok)
        {
            throw new PkiException(PkiFailure.DeniedPermissions, $"the AA refused the authorization: {inner.ResponseCode}");
        }

        var ticket = inner.Certificate!;
        var certified = ticket.ToBeSigned.VerifyKeyIndicator.VerificationKey;
        if (certified is null || !certified.ToCanonical().Point.X.Span.SequenceEqual(atKey.ToCanonical().Point.X.Span))
        {
            throw new PkiException(PkiFailure.KeysDontMatch, "the AT does not certify the requested key");
        }

        return ticket;
    }

    /// <summary>A misbehaviour report signed with an AT (PSID 0x1D), the AT carried in the signer field.</summary>
    public static byte[] Report(MisbehaviourReport report, Certificate ticket, ISignatureKey ticketKey)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new SpduSigner(ticketKey, ticket).SignPayload(report.ToBytes(),
            new HeaderInfo { Psid = PkiPsids.MisbehaviourReport, GenerationTime = report.GenerationTime }, SignerChoice.Certificate);
    }

    private static OpenedMessage OpenResponse(ReadOnlyMemory<byte> response, ReadOnlySpan<byte> dataKey, Certificate signer, Time64 now, EtsiTs102941Content kind)
    {
        var decryptor = new SpduDecryptor();
        decryptor.AddPreSharedKey(dataKey);
        var opened = SecuredMessages.Open(response, decryptor, now, PkiPsids.CertificateRequest);
        if (opened.Content.Kind != kind)
        {
            throw new PkiException(PkiFailure.WrongContent, $"expected {kind}, got {opened.Content.Kind}");
        }

        SecuredMessages.VerifyBy(opened.Signed, signer, kind.ToString());
        return opened;
    }

    private static void CheckHash(ReadOnlySpan<byte> requestHash, ReadOnlySpan<byte> request)
    {
        if (!requestHash.SequenceEqual(OerExtensions.RequestHash(request)))
        {
            throw new PkiException(PkiFailure.WrongContent, "the response answers another request (requestHash)");
        }
    }
}
