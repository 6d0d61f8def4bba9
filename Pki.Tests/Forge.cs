using System.Security.Cryptography;
using System.Text;
using PkiProtocol.Client;
using PkiProtocol.Messages;
using PkiProtocol.Protocol;
using V2x.Oer;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Encryption;
using V2x.Security.Signing;
using V2x.Time;

namespace Pki.Tests;

/// <summary>
/// Builds requests the way <see cref="StationRequests"/> does, with one part replaced: what the refusal rows
/// send to the authorities.
/// </summary>
public static class Forge
{
    /// <summary>An enrolment request with any part swapped: the identifier, the outer signing key, the PoP key, the time, the envelope.</summary>
    public static byte[] Enrolment(TestBench bench, Station station, ISignatureKey? canonicalKey = null, ISignatureKey? popKey = null,
        string? itsId = null, TimeSpan? age = null, Certificate? recipient = null, bool encrypt = true, Time64? generationTime = null)
    {
        var now = generationTime ?? Time64.FromUtc(bench.Clock.GetUtcNow() - (age ?? TimeSpan.Zero));
        var inner = new InnerEcRequest(Encoding.UTF8.GetBytes(itsId ?? station.Id), 1, new PublicKeys(station.EcKey.PublicKey),
            new SubjectAttributes { AppPermissions = [new PsidSsp(PkiPsids.CertificateRequest)] });
        var writer = new OerWriter(128);
        inner.Encode(writer);
        var pop = new SpduSigner(popKey ?? station.EcKey, null).SignPayload(writer.ToArray(),
            new HeaderInfo { Psid = PkiPsids.CertificateRequest, GenerationTime = now }, SignerChoice.Self);
        var data = EtsiTs102941Data.EnrolmentRequest(Ieee1609Dot2Data.Decode(pop));
        var signed = SecuredMessages.Sign(data, new SpduSigner(canonicalKey ?? station.CanonicalKey, null), SignerChoice.Self, PkiPsids.CertificateRequest, now);
        return encrypt ? SpduEncryptor.EncryptForCertificate(signed, recipient ?? bench.Pki.EaCertificate, out _) : signed;
    }

    /// <summary>What to change in an AT request.</summary>
    public sealed record AtChange
    {
        public bool WrongKeyTag { get; init; }

        public ISignatureKey? PopKey { get; init; }

        public bool CorruptEcSignature { get; init; }

        public bool EcSignsAnotherRequest { get; init; }

        public HashedId8? EaId { get; init; }

        public IReadOnlyList<PsidSsp>? Permissions { get; init; }

        public bool PlainEcSignature { get; init; }
    }

    public static byte[] Authorization(TestBench bench, Station station, ISignatureKey ticketKey, AtChange change)
    {
        var now = bench.Now;
        var ea = bench.Pki.EaCertificate;
        var aa = bench.Pki.AaCertificate(station.Idf.Model)!;
        var keys = new PublicKeys(ticketKey.PublicKey);
        var hmacKey = RandomNumberGenerator.GetBytes(32);
        var keyTag = InnerAtRequest.ComputeKeyTag(change.WrongKeyTag ? RandomNumberGenerator.GetBytes(32) : hmacKey, keys);
        var shared = new SharedAtRequest(change.EaId ?? ea.HashedId8, keyTag, 1,
            new SubjectAttributes { AppPermissions = change.Permissions ?? TicketRequest.DefaultPermissions });
        var covered = change.EcSignsAnotherRequest ? shared with { KeyTag = new byte[16] } : shared;
        var ecSigned = new SpduSigner(station.EcKey, station.Ec).SignExternalPayload(covered.ToBytes(),
            new HeaderInfo { Psid = PkiPsids.CertificateRequest, GenerationTime = now }, SignerChoice.Digest);
        if (change.CorruptEcSignature)
        {
            ecSigned[^1] ^= 0x01;
        }

        var ecSignature = change.PlainEcSignature
            ? new EcSignature(false, Ieee1609Dot2Data.Decode(ecSigned))
            : new EcSignature(true, Ieee1609Dot2Data.Decode(SpduEncryptor.EncryptForCertificate(ecSigned, ea, out _)));
        var inner = new InnerAtRequest(keys, hmacKey, shared, ecSignature);
        return SecuredMessages.SignAndEncrypt(EtsiTs102941Data.AuthorizationRequest(inner), new SpduSigner(change.PopKey ?? ticketKey, null),
            SignerChoice.Self, aa, now, out _);
    }
}
