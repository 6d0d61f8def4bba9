using Firmware.SecurePartition.Encoding;
using Firmware.SecurePartition.Posture;
using PkiProtocol;
using PkiProtocol.Posture;
using PkiProtocol.Protocol;
using PostureServer.Assessment;
using V2x.Security;
using V2x.Security.Crypto;
using V2x.Security.Encryption;
using V2x.Time;

namespace PostureServer.Service;

/// <summary>
/// One posture request to its response (patent fig. 9, ¶204-216; Docs/posture.md): decrypts the envelope with the
/// server's key (IEEE 1609.2 certRecipInfo), checks it is signed under PSID 623 within the clock skew by an enrolment
/// credential of the PKI (<see cref="RequesterTrust"/>), reads the secure partition's request (nonce and installed
/// versions), assesses it (<see cref="PostureAssessor"/>), signs the assessment as an OEM document bound to the request's
/// nonce (¶216: the partition accepts it once, for that request only), and returns it signed by the server and encrypted
/// with the request's data key (pskRecipInfo). Every refusal is a <see cref="PkiException"/>.
/// </summary>
public sealed class AssessmentEndpoint
{
    private readonly PostureAssessor _assessor;
    private readonly ServerKeys _keys;
    private readonly ISignatureKey _oemKey;
    private readonly RequesterTrust _requesters;
    private readonly TimeProvider _clock;

    /// <param name="assessor">The catalogue's assessor.</param>
    /// <param name="keys">The server's keys and certificate.</param>
    /// <param name="oemKey">The OEM's document key (the partition verifies the response with the OEM key in its ROM).</param>
    /// <param name="requesters">Who may ask.</param>
    /// <param name="clock">The server's clock.</param>
    public AssessmentEndpoint(PostureAssessor assessor, ServerKeys keys, ISignatureKey oemKey, RequesterTrust requesters, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(oemKey);
        ArgumentNullException.ThrowIfNull(requesters);
        ArgumentNullException.ThrowIfNull(clock);
        _assessor = assessor;
        _keys = keys;
        _oemKey = oemKey;
        _requesters = requesters;
        _clock = clock;
    }

    /// <summary>Answers one request.</summary>
    /// <exception cref="PkiException">Undecryptable, malformed, out of sync, not signed by an enrolled station, or no server certificate.</exception>
    public async Task<byte[]> ProcessAsync(byte[] body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var server = _keys.Certificate ?? throw new PkiException(PkiFailure.UnknownSigner, "the posture server has no certificate yet");
        var decryptor = new SpduDecryptor();
        decryptor.AddCertificateKey(server, _keys.Encryption);
        var now = Time64.Now(_clock);
        var (decrypted, signed, payload) = SecuredMessages.OpenPayload(body, decryptor, now, PostureExchange.EnvelopePsid);
        if (signed.Signer.Kind != SignerKind.Certificate)
        {
            throw new PkiException(PkiFailure.UnknownSigner, "a posture request is signed with the enrolment credential carried in full (signer certificate)");
        }

        var ec = signed.Signer.Certificates[0];
        await _requesters.ValidateAsync(ec, cancellationToken).ConfigureAwait(false);
        SecuredMessages.VerifyBy(signed, ec, "posture request");

        byte[] nonce;
        IReadOnlyList<(string Name, string Version)> installed;
        try
        {
            if (payload.Span[0] != 1)
            {
                throw new PkiException(PkiFailure.Malformed, $"posture request format {payload.Span[0]} is not 1");
            }

            nonce = PostureService.NonceOf(payload.Span);
            installed = PostureService.InstalledOf(payload);
        }
        catch (Exception e) when (e is ArgumentException or MalformedDataException or IndexOutOfRangeException)
        {
            throw new PkiException(PkiFailure.Malformed, $"not a posture request: {e.Message}", e);
        }

        var document = _assessor.Assess(nonce, installed).Sign(_oemKey, _clock.GetUtcNow());
        return SecuredMessages.SignAndEncryptResponsePayload(document, _keys.Signer(), PostureExchange.EnvelopePsid, decrypted.DataKey, Time64.Now(_clock));
    }
}
