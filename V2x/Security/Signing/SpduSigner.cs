using V2x.Oer;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Time;

namespace V2x.Security.Signing;

/// <summary>
/// Builds signed SPDUs (IEEE 1609.2 §6.3, ETSI TS 103 097 v2.1.1 §5.2 EtsiTs103097Data-Signed)
/// in one pass: the ToBeSignedData is encoded once into the output, hashed where it lies, signed, and
/// followed by the signer and the signature. The signer-certificate hash and HashedId8 are computed
/// once per signer.
/// </summary>
public sealed class SpduSigner
{
    private readonly byte[] _signerHash;
    private readonly byte[]? _sm2Z;

    /// <param name="key">The private key (in memory or in a token).</param>
    /// <param name="certificate">The signer's certificate (its key must be <paramref name="key"/>), or null for self-signed data.</param>
    public SpduSigner(ISignatureKey key, Certificate? certificate)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (certificate is not null)
        {
            var certKey = certificate.ToBeSigned.VerifyKeyIndicator.VerificationKey;
            if (certKey is null || certKey.Algorithm != key.Algorithm || certKey.ToCanonical().Point.Form != key.PublicKey.Point.Form
                || !certKey.ToCanonical().Point.X.Span.SequenceEqual(key.PublicKey.Point.X.Span))
            {
                throw new ArgumentException("the certificate does not carry this key", nameof(certificate));
            }
        }

        Key = key;
        Certificate = certificate;
        var hash = SignatureInput.HashFor(key.Algorithm);
        _signerHash = SignatureInput.SignerHash(hash, certificate is null ? [] : certificate.CanonicalEncoding().Span);
        if (key.Algorithm == SignatureAlgorithm.Sm2)
        {
            _sm2Z = Sm2.ComputeZ(CurveParameters.DecodePoint(key.Algorithm, key.PublicKey.Point), Sm2.DefaultUserId);
        }

        Digest = certificate?.HashedId8 ?? default;
    }

    public ISignatureKey Key { get; }

    public Certificate? Certificate { get; }

    /// <summary>HashedId8 of the signer certificate (default for self).</summary>
    public HashedId8 Digest { get; }

    /// <summary>Signs an opaque payload (unsecuredData) for a PSID at a generation time.</summary>
    public byte[] SignPayload(ReadOnlySpan<byte> payload, Psid psid, Time64 generationTime, SignerChoice signer) =>
        SignPayload(payload, new HeaderInfo { Psid = psid, GenerationTime = generationTime }, signer);

    /// <summary>Signs an opaque payload with a full HeaderInfo (e.g. carrying contributed extensions).</summary>
    public byte[] SignPayload(ReadOnlySpan<byte> payload, HeaderInfo header, SignerChoice signer)
    {
        var writer = new OerWriter(payload.Length + 192);
        SignPayload(writer, payload, header, signer);
        return writer.ToArray();
    }

    /// <summary>Appends a signed SPDU to <paramref name="writer"/> (reuse the writer to avoid allocation).</summary>
    public void SignPayload(OerWriter writer, ReadOnlySpan<byte> payload, HeaderInfo header, SignerChoice signer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CheckRequest(header, signer);
        var tbsStart = BeginPayload(writer, payload.Length);
        writer.WriteRaw(payload);
        EndPayload(writer, tbsStart, header, signer);
    }

    /// <summary>
    /// Signs data carried outside the SPDU (IEEE 1609.2-2016 §6.3.7 SignedDataPayload.extDataHash; ETSI TS
    /// 103 097 v2.1.1 §5.2 EtsiTs103097Data-SignedExternalPayload): the payload is the SHA-256 hash of
    /// <paramref name="externalData"/>, which the receiver must hash and compare itself.
    /// </summary>
    public byte[] SignExternalPayload(ReadOnlySpan<byte> externalData, HeaderInfo header, SignerChoice signer) =>
        SignExternalHash(Hashing.Hash(HashAlgorithm.Sha256, externalData), header, signer);

    /// <summary>
    /// As <see cref="SignExternalPayload"/>, for a caller that computed the SHA-256 of the external data itself
    /// (extDataHash sha256HashedData, IEEE 1609.2-2016 §6.3.7).
    /// </summary>
    public byte[] SignExternalHash(ReadOnlySpan<byte> sha256, HeaderInfo header, SignerChoice signer)
    {
        if (sha256.Length != 32)
        {
            throw new ArgumentException("a SHA-256 hash is 32 octets", nameof(sha256));
        }

        CheckRequest(header, signer);
        var writer = new OerWriter(256);
        var tbsStart = BeginSignedData(writer);
        new SignedDataPayload(null, new HashedData(HashAlgorithm.Sha256, sha256.ToArray())).Encode(writer);
        EndPayload(writer, tbsStart, header, signer);
        return writer.ToArray();
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> for a request this signer cannot serve: a digest or
    /// certificate signer without a certificate, or a self signer with one.
    /// </summary>
    internal void CheckRequest(HeaderInfo header, SignerChoice signer)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (!Enum.IsDefined(signer))
        {
            throw new ArgumentOutOfRangeException(nameof(signer), signer, "digest, certificate or self");
        }

        if (signer != SignerChoice.Self && Certificate is null)
        {
            throw new ArgumentException("digest and certificate signers need a certificate", nameof(signer));
        }

        if (signer == SignerChoice.Self && Certificate is not null)
        {
            throw new ArgumentException("self-signed data is signed without a certificate", nameof(signer));
        }
    }

    // Ieee1609Dot2Data { protocolVersion 3, content signedData { hashId, tbsData, signer, signature } }:
    // everything before ToBeSignedData. Returns the position where ToBeSignedData starts.
    private int BeginSignedData(OerWriter writer)
    {
        writer.WriteByte(Ieee1609Dot2Data.ProtocolVersion);
        writer.WriteChoiceIndex((int)ContentKind.SignedData);
        writer.WriteEnumerated((int)SignatureInput.HashFor(Key.Algorithm));
        return writer.Length;
    }

    /// <summary>
    /// First half of a signed SPDU whose unsecured payload the caller writes in place: everything up to
    /// and including the payload's length determinant. The caller then appends exactly
    /// <paramref name="payloadLength"/> octets and calls <see cref="EndPayload"/> with the returned mark.
    /// </summary>
    /// <returns>The writer position where ToBeSignedData starts.</returns>
    internal int BeginPayload(OerWriter writer, int payloadLength)
    {
        var tbsStart = BeginSignedData(writer);

        // SignedDataPayload { data Ieee1609Dot2Data { 3, unsecuredData payload } }: preamble 0x40.
        writer.WritePreamble(true, false, 0b10, 2);
        writer.WriteByte(Ieee1609Dot2Data.ProtocolVersion);
        writer.WriteChoiceIndex((int)ContentKind.UnsecuredData);
        writer.WriteLength(payloadLength);
        return tbsStart;
    }

    /// <summary>
    /// Second half: the HeaderInfo, then the signature over ToBeSignedData as it lies in the writer from
    /// <paramref name="tbsStart"/> (IEEE 1609.2 §5.3.1), then the signer and the signature.
    /// </summary>
    internal void EndPayload(OerWriter writer, int tbsStart, HeaderInfo header, SignerChoice signer)
    {
        // 1609.2 §6.3 HeaderInfo canonicalization: a public encryption key goes out compressed, so the
        // bytes sent are the bytes hashed.
        if (header.EncryptionKey?.Public is { Point.Form: EccPointForm.Uncompressed } publicKey)
        {
            header = header with
            {
                EncryptionKey = EncryptionKey.FromPublic(new PublicEncryptionKey(publicKey.SymmetricAlgorithm, publicKey.Algorithm, publicKey.Point.ToCompressed())),
            };
        }

        header.Encode(writer);

        Span<byte> digest = stackalloc byte[32];
        SignatureInput.ComputeDigest(Key.Algorithm, writer.Since(tbsStart), _signerHash, _sm2Z, digest);

        switch (signer)
        {
            case SignerChoice.Digest:
                writer.WriteChoiceIndex((int)SignerKind.Digest);
                Digest.Encode(writer);
                break;
            case SignerChoice.Certificate:
                writer.WriteChoiceIndex((int)SignerKind.Certificate);
                writer.WriteQuantity(1);
                Certificate!.Encode(writer);
                break;
            default:
                writer.WriteChoiceIndex((int)SignerKind.Self);
                break;
        }

        Span<byte> r = stackalloc byte[32];
        Span<byte> s = stackalloc byte[32];
        Key.SignDigest(digest, r, s);
        WriteSignature(writer, Key.Algorithm, r, s);
    }

    internal static void WriteSignature(OerWriter writer, SignatureAlgorithm algorithm, ReadOnlySpan<byte> r, ReadOnlySpan<byte> s)
    {
        if (algorithm == SignatureAlgorithm.Sm2)
        {
            // sm2Signature: extension alternative [4], value EcsigP256Signature as an open type.
            writer.WriteChoiceIndex(4);
            writer.WriteLength(64);
        }
        else
        {
            writer.WriteChoiceIndex((int)algorithm);
            writer.WriteChoiceIndex((int)EccPointForm.XOnly);
        }

        writer.WriteRaw(r);
        writer.WriteRaw(s);
    }
}
