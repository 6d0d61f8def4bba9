using PkiProtocol.Messages;
using V2x;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Encryption;
using V2x.Security.Signing;
using V2x.Time;

namespace PkiProtocol.Protocol;

/// <summary>
/// The envelopes of ETSI TS 102 941 v1.4.1 §6.2 around an EtsiTs102941Data: signed (EtsiTs103097Data-Signed,
/// PSID 623 or 622, generationTime), then encrypted for the receiving authority (EtsiTs103097Data-Encrypted,
/// certRecipInfo) or for the requester with the request's data key (pskRecipInfo); and the reverse steps,
/// each failure one <see cref="PkiException"/>.
/// </summary>
public static class SecuredMessages
{
    /// <summary>How far a message's generationTime may be from the receiver's clock (TS 102 941 its-aa-outofsyncrequest).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Signs <paramref name="data"/> as the unsecuredData payload of a SignedData.</summary>
    public static byte[] Sign(EtsiTs102941Data data, SpduSigner signer, SignerChoice choice, Psid psid, Time64 now)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(signer);
        return signer.SignPayload(data.ToBytes(), new HeaderInfo { Psid = psid, GenerationTime = now }, choice);
    }

    /// <summary>Signs with PSID 623 and encrypts for <paramref name="recipient"/>; keep <paramref name="dataKey"/> to read the response.</summary>
    public static byte[] SignAndEncrypt(EtsiTs102941Data data, SpduSigner signer, SignerChoice choice, Certificate recipient, Time64 now, out byte[] dataKey) =>
        SpduEncryptor.EncryptForCertificate(Sign(data, signer, choice, PkiPsids.CertificateRequest, now), recipient, out dataKey);

    /// <summary>Signs a response with PSID 623 and encrypts it with the request's data key.</summary>
    public static byte[] SignAndEncryptResponse(EtsiTs102941Data data, SpduSigner signer, ReadOnlySpan<byte> dataKey, Time64 now) =>
        SpduEncryptor.EncryptWithPreSharedKey(Sign(data, signer, SignerChoice.Digest, PkiPsids.CertificateRequest, now), dataKey);

    /// <summary>
    /// Signs any <paramref name="payload"/> (unsecuredData) under <paramref name="psid"/> and encrypts it for
    /// <paramref name="recipient"/> (certRecipInfo): the envelope of TS 102 941 §6.2 around other contents (the posture
    /// exchange, misbehaviour reports); keep <paramref name="dataKey"/> to read a response.
    /// </summary>
    public static byte[] SignAndEncryptPayload(ReadOnlySpan<byte> payload, SpduSigner signer, SignerChoice choice, Psid psid, Certificate recipient, Time64 now,
        out byte[] dataKey)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return SpduEncryptor.EncryptForCertificate(signer.SignPayload(payload.ToArray(), new HeaderInfo { Psid = psid, GenerationTime = now }, choice), recipient, out dataKey);
    }

    /// <summary>Signs a response payload (signer digest) and encrypts it with the request's data key (pskRecipInfo).</summary>
    public static byte[] SignAndEncryptResponsePayload(ReadOnlySpan<byte> payload, SpduSigner signer, Psid psid, ReadOnlySpan<byte> dataKey, Time64 now)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return SpduEncryptor.EncryptWithPreSharedKey(signer.SignPayload(payload.ToArray(), new HeaderInfo { Psid = psid, GenerationTime = now }, SignerChoice.Digest), dataKey);
    }

    /// <summary>Decrypts a message with <paramref name="decryptor"/>, then reads the signed EtsiTs102941Data inside.</summary>
    /// <exception cref="PkiException">Malformed, undecryptable, not signed, wrong PSID or out of sync.</exception>
    public static OpenedMessage Open(ReadOnlyMemory<byte> message, SpduDecryptor decryptor, Time64 now, Psid psid)
    {
        var (decrypted, signed, payload) = OpenPayload(message, decryptor, now, psid);
        try
        {
            return new OpenedMessage(signed, EtsiTs102941Data.Decode(payload), decrypted.DataKey, decrypted.Recipient);
        }
        catch (DecodeException e)
        {
            throw new PkiException(PkiFailure.Malformed, e.Message, e);
        }
    }

    /// <summary>
    /// Decrypts a message with <paramref name="decryptor"/> and reads the signed data inside: signed, under
    /// <paramref name="psid"/>, generationTime within <see cref="MaxClockSkew"/>, unsecuredData payload. The signature is
    /// left to the caller (who knows the signer).
    /// </summary>
    /// <exception cref="PkiException">Malformed, undecryptable, not encrypted, not signed, wrong PSID or out of sync.</exception>
    public static (DecryptedSpdu Decrypted, SignedData Signed, ReadOnlyMemory<byte> Payload) OpenPayload(ReadOnlyMemory<byte> message, SpduDecryptor decryptor,
        Time64 now, Psid psid)
    {
        ArgumentNullException.ThrowIfNull(decryptor);
        DecryptedSpdu decrypted;
        try
        {
            decrypted = decryptor.DecodeAndDecrypt(message);
        }
        catch (DecodeException e)
        {
            throw new PkiException(PkiFailure.Malformed, e.Message, e);
        }
        catch (DecryptionException e) when (e.Failure == DecryptionFailure.NotEncrypted)
        {
            throw new PkiException(PkiFailure.WrongContent, $"the message is not encrypted ({e.Message})", e);
        }
        catch (DecryptionException e)
        {
            throw new PkiException(PkiFailure.Undecryptable, e.Message, e);
        }

        var (signed, payload) = ReadSignedPayload(decrypted.Plaintext, now, psid, checkTime: true);
        return (decrypted, signed, payload);
    }

    /// <summary>Reads a signed EtsiTs102941Data (signature not yet checked).</summary>
    /// <exception cref="PkiException">Malformed, not signed, wrong PSID or (with <paramref name="checkTime"/>) out of sync.</exception>
    public static (SignedData Signed, EtsiTs102941Data Content) ReadSigned(ReadOnlyMemory<byte> message, Time64 now, Psid psid, bool checkTime)
    {
        var (signed, payload) = ReadSignedPayload(message, now, psid, checkTime);
        try
        {
            return (signed, EtsiTs102941Data.Decode(payload));
        }
        catch (DecodeException e)
        {
            throw new PkiException(PkiFailure.Malformed, e.Message, e);
        }
    }

    /// <summary>Reads signed data carrying an unsecuredData payload (signature not yet checked).</summary>
    /// <exception cref="PkiException">Malformed, not signed, wrong PSID or (with <paramref name="checkTime"/>) out of sync.</exception>
    public static (SignedData Signed, ReadOnlyMemory<byte> Payload) ReadSignedPayload(ReadOnlyMemory<byte> message, Time64 now, Psid psid, bool checkTime)
    {
        Ieee1609Dot2Data outer;
        try
        {
            outer = Ieee1609Dot2Data.Decode(message);
        }
        catch (DecodeException e)
        {
            throw new PkiException(PkiFailure.Malformed, e.Message, e);
        }

        var signed = outer.SignedData ?? throw new PkiException(PkiFailure.WrongContent, $"expected signed data, got {outer.Kind}");
        var header = signed.TbsData.HeaderInfo;
        if (header.Psid != psid)
        {
            throw new PkiException(PkiFailure.WrongContent, $"headerInfo.psid {header.Psid}, expected {psid}");
        }

        if (checkTime)
        {
            CheckTime(header, now);
        }

        var payload = signed.TbsData.Payload.Data;
        if (payload is null || payload.Kind != ContentKind.UnsecuredData)
        {
            throw new PkiException(PkiFailure.WrongContent, "the signed payload is not unsecuredData");
        }

        return (signed, payload.Opaque);
    }

    /// <summary>TS 102 941 v1.4.1 §6.2.3: generationTime is present and within <see cref="MaxClockSkew"/> of the receiver's clock.</summary>
    public static void CheckTime(HeaderInfo header, Time64 now)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.GenerationTime is not { } generated)
        {
            throw new PkiException(PkiFailure.Malformed, "headerInfo.generationTime is absent");
        }

        var skew = generated > now ? generated.Since(now) : now.Since(generated);
        if (skew > MaxClockSkew)
        {
            throw new PkiException(PkiFailure.OutOfSync, $"generationTime is {skew.TotalSeconds:F0} s from the receiver's clock");
        }
    }

    /// <summary>Verifies data signed with signer self and a key obtained from the content (proof of possession).</summary>
    public static void VerifySelf(SignedData signed, PublicVerificationKey key, string what)
    {
        ArgumentNullException.ThrowIfNull(signed);
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            SpduVerifier.VerifySelfSigned(signed, key);
        }
        catch (VerificationException e)
        {
            throw new PkiException(PkiFailure.BadSignature, $"{what}: {e.Message}", e);
        }
    }

    /// <summary>Verifies data signed by the holder of <paramref name="signer"/> (signer digest or that certificate).</summary>
    public static void VerifyBy(SignedData signed, Certificate signer, string what)
    {
        ArgumentNullException.ThrowIfNull(signed);
        ArgumentNullException.ThrowIfNull(signer);
        var named = signed.Signer.Kind switch
        {
            SignerKind.Digest => signed.Signer.Digest,
            SignerKind.Certificate => signed.Signer.Certificates[0].HashedId8,
            _ => throw new PkiException(PkiFailure.UnknownSigner, $"{what}: signer self where a certificate is required"),
        };
        if (named != signer.HashedId8)
        {
            throw new PkiException(PkiFailure.UnknownSigner, $"{what}: signed by {named}, expected {signer.HashedId8}");
        }

        try
        {
            // The signer is already known (validated by the caller): put it in the cache, so a carried
            // certificate is matched by digest and a digest signer resolves to it.
            var cache = new VerificationKeyCache(4);
            cache.Add(signer);
            new SpduVerifier(cache).Verify(signed);
        }
        catch (VerificationException e)
        {
            throw new PkiException(e.Failure == VerificationFailure.PsidNotPermitted ? PkiFailure.DeniedPermissions : PkiFailure.BadSignature,
                $"{what}: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new PkiException(PkiFailure.BadSignature, $"{what}: the signer's key is not usable ({e.Message})", e);
        }
    }

    /// <summary>The HashedId8 the signer field names (digest, or the digest of the carried certificate).</summary>
    public static HashedId8 SignerDigest(SignedData signed)
    {
        ArgumentNullException.ThrowIfNull(signed);
        return signed.Signer.Kind switch
        {
            SignerKind.Digest => signed.Signer.Digest,
            SignerKind.Certificate => signed.Signer.Certificates[0].HashedId8,
            _ => throw new PkiException(PkiFailure.UnknownSigner, "signer self where a certificate is required"),
        };
    }
}
