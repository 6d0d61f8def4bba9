namespace PkiProtocol.Messages;

/// <summary>The root alternatives of EtsiTs102941DataContent (ETSI TS 102 941 v1.4.1, EtsiTs102941MessagesCa), in tag order.</summary>
public enum EtsiTs102941Content
{
    EnrolmentRequest = 0,
    EnrolmentResponse = 1,
    AuthorizationRequest = 2,
    AuthorizationResponse = 3,
    CertificateRevocationList = 4,
    CertificateTrustListTlm = 5,
    CertificateTrustListRca = 6,
    AuthorizationValidationRequest = 7,
    AuthorizationValidationResponse = 8,
    CaCertificateRequest = 9,
}
