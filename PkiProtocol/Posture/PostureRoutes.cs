namespace PkiProtocol.Posture;

/// <summary>The HTTP interface of the posture server (Docs/posture.md), shared by the server and <see cref="PostureClient"/>.</summary>
public static class PostureRoutes
{
    /// <summary>
    /// POST a posture request (application/x-its-request): the secure partition's request bytes as unsecuredData, signed by
    /// the station's enrolment credential (signer certificate, PSID 623), encrypted for the posture server's certificate
    /// (certRecipInfo) → 200 application/x-its-response: the OEM-signed posture response as unsecuredData, signed by the
    /// posture server (signer digest, PSID 623), encrypted with the request's data key (pskRecipInfo).
    /// </summary>
    public const string Assessments = "/posture/assessments";

    /// <summary>GET → the posture server's certificate (COER), issued by the PKI's root; the station validates it under the root it pins.</summary>
    public const string Certificate = "/posture/certificate";

    /// <summary>GET → "ok".</summary>
    public const string Health = "/health";
}
