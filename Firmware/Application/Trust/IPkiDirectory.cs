using PkiProtocol.Messages;
using V2x.Security;
using V2x.Security.Certificates;

namespace Firmware.Application.Trust;

/// <summary>
/// Where a receiver gets what a message does not carry (ETSI TS 102 941 v1.4.1 §6.3.3): certificates by
/// HashedId8 and the CAs' CRLs. The bench's implementation is <see cref="PkiDirectory"/> over the PKI
/// service; failures are <see cref="PkiProtocol.PkiException"/> or <see cref="HttpRequestException"/>.
/// </summary>
public interface IPkiDirectory
{
    /// <summary>The certificate with this HashedId8 (checked to hash to it), or null when the PKI has none.</summary>
    Task<Certificate?> GetCertificateAsync(HashedId8 digest, CancellationToken cancellationToken);

    /// <summary>The current CRL of <paramref name="ca"/>, its signature verified with that CA's key.</summary>
    Task<ToBeSignedCrl> GetCrlAsync(Certificate ca, CancellationToken cancellationToken);
}
