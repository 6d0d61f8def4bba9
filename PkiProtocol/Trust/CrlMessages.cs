using PkiProtocol.Messages;
using PkiProtocol.Protocol;
using V2x.Security.Certificates;
using V2x.Security.Signing;
using V2x.Time;

namespace PkiProtocol.Trust;

/// <summary>
/// CertificateRevocationListMessage ::= EtsiTs103097Data-Signed { EtsiTs102941Data { certificateRevocationList
/// ToBeSignedCrl } } (ETSI TS 102 941 v1.4.1 §6.3.3): signed by the CRL-issuing CA with PSID 622.
/// </summary>
public static class CrlMessages
{
    /// <summary>Signs a CRL for the CA holding <paramref name="signer"/>.</summary>
    public static byte[] Sign(ToBeSignedCrl crl, SpduSigner signer, Time64 now)
    {
        ArgumentNullException.ThrowIfNull(crl);
        return SecuredMessages.Sign(EtsiTs102941Data.Crl(crl), signer, SignerChoice.Digest, PkiPsids.Crl, now);
    }

    /// <summary>Verifies a CRL message of <paramref name="issuer"/> and returns its content.</summary>
    /// <exception cref="PkiException">Malformed, not a CRL, not signed by the issuer, or (with a time) out of date.</exception>
    public static ToBeSignedCrl Verify(ReadOnlyMemory<byte> message, Certificate issuer, Time64? now)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var (signed, content) = SecuredMessages.ReadSigned(message, default, PkiPsids.Crl, checkTime: false);
        if (content.Kind != EtsiTs102941Content.CertificateRevocationList)
        {
            throw new PkiException(PkiFailure.WrongContent, $"expected a certificateRevocationList, got {content.Kind}");
        }

        SecuredMessages.VerifyBy(signed, issuer, "CRL");
        var crl = content.As<ToBeSignedCrl>();
        if (now is { } time && crl.NextUpdate.ToTime64() <= time)
        {
            throw new PkiException(PkiFailure.CertificateExpired, $"the CRL's nextUpdate {crl.NextUpdate.ToUtc():O} has passed");
        }

        return crl;
    }
}
