namespace PkiProtocol.Protocol;

/// <summary>The HTTP interface of the bench PKI service (shared by the service and <see cref="Client.PkiClient"/>).</summary>
public static class PkiRoutes
{
    /// <summary>POST an EnrolmentRequestMessage (application/x-its-request) → EnrolmentResponseMessage.</summary>
    public const string Enrolment = "/ea/enrolment";

    /// <summary>POST an AuthorizationValidationRequestMessage (AA → EA) → AuthorizationValidationResponseMessage.</summary>
    public const string Validation = "/ea/authorization-validation";

    /// <summary>POST an AuthorizationRequestMessageWithPop → AuthorizationResponseMessage.</summary>
    public const string Authorization = "/aa/authorization";

    /// <summary>POST a misbehaviour report signed by an AT and encrypted for the misbehaviour authority → 202 with what was done (text/plain).</summary>
    public const string Reports = "/ma/reports";

    /// <summary>GET /ca/root, /ca/ea, /ca/audit, /ca/ma, /ca/aa (per-model: ?vendor=V&amp;product=P) → the COER certificate.</summary>
    public const string Ca = "/ca";

    /// <summary>GET /certificates/{HashedId8 as 16 hex digits} → the COER certificate (for receivers that met only a digest).</summary>
    public const string Certificates = "/certificates";

    /// <summary>GET /crl/{HashedId8 of the CA} → CertificateRevocationListMessage (application/x-its-crl).</summary>
    public const string Crl = "/crl";

    /// <summary>The header naming the <see cref="PkiFailure"/> of a refused request.</summary>
    public const string FailureHeader = "X-Pki-Failure";

    /// <summary>Largest request body accepted (a request with a certificate is well under 2 KiB).</summary>
    public const int MaxBodyOctets = 64 * 1024;

    /// <summary>The HTTP status of a refusal: 400 for what is wrong with the message, 403 for what the PKI denies, 413 and 415 for the envelope.</summary>
    public static int StatusOf(PkiFailure failure) => failure switch
    {
        PkiFailure.TooLarge => 413,
        PkiFailure.WrongMediaType => 415,
        PkiFailure.UnknownStation or PkiFailure.StationRevoked or PkiFailure.CertificateRevoked or PkiFailure.CertificateExpired
            or PkiFailure.WrongAuthority or PkiFailure.DeniedPermissions or PkiFailure.ChainInvalid or PkiFailure.NonCanonicalCertificate => 403,
        _ => 400,
    };
}
