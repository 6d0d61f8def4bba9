using PkiProtocol.Messages;
using PkiProtocol.Protocol;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Encryption;
using V2x.Security.Signing;
using V2x.Time;

namespace PkiProtocol.Posture;

/// <summary>
/// The secured envelopes of the posture exchange (patent fig. 9, ¶216), the ETSI TS 102 941 v1.4.1 §6.2 pattern the PKI
/// uses for its requests (<see cref="SecuredMessages"/>): the request signed by the station's enrolment credential and
/// encrypted for the posture server, the response signed by the posture server and encrypted with the request's AES key.
/// The envelopes are signed under PSID 623 (the only permission an EC holds); the route tells the content. The OEM
/// signature inside the response, which the secure partition checks against its ROM key, is what the vehicle trusts;
/// the envelope keeps the installed versions and the weaknesses private on the way and tells the server who asks.
/// </summary>
public static class PostureExchange
{
    /// <summary>The PSID of both envelopes.</summary>
    public static Psid EnvelopePsid => PkiPsids.CertificateRequest;

    /// <summary>Wraps the partition's request: signed by <paramref name="enrolment"/> (signer certificate), encrypted for <paramref name="server"/>.</summary>
    public static byte[] Request(ReadOnlySpan<byte> partitionRequest, SpduSigner enrolment, Certificate server, Time64 now, out byte[] dataKey) =>
        SecuredMessages.SignAndEncryptPayload(partitionRequest, enrolment, SignerChoice.Certificate, EnvelopePsid, server, now, out dataKey);

    /// <summary>Reads a response: decrypts it with the request's data key, checks the server's signature, returns the OEM-signed document.</summary>
    /// <exception cref="PkiException">Not a valid response from <paramref name="server"/>.</exception>
    public static byte[] ReadResponse(ReadOnlyMemory<byte> response, ReadOnlySpan<byte> dataKey, Certificate server, Time64 now)
    {
        ArgumentNullException.ThrowIfNull(server);
        var decryptor = new SpduDecryptor();
        decryptor.AddPreSharedKey(dataKey);
        var (_, signed, payload) = SecuredMessages.OpenPayload(response, decryptor, now, EnvelopePsid);
        SecuredMessages.VerifyBy(signed, server, "posture response");
        return payload.ToArray();
    }
}
