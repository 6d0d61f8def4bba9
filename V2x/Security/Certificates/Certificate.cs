using V2x.Oer;
using V2x.Security.Crypto;

namespace V2x.Security.Certificates;

/// <summary>
/// IEEE 1609.2 Certificate ::= CertificateBase (ImplicitCertificate | ExplicitCertificate)
/// (1609.2-2016 §6.4): version 3, type, issuer, toBeSigned, signature (present exactly
/// when explicit). A decoded certificate keeps the exact bytes it came from, so its hash and the
/// hash of its toBeSigned part are taken over what was received, never over a re-encoding.
/// </summary>
public sealed class Certificate
{
    private byte[]? _hash;

    private Certificate(ReadOnlyMemory<byte> encoded, ReadOnlyMemory<byte> tbsEncoded, CertificateType type,
        IssuerIdentifier issuer, ToBeSignedCertificate toBeSigned, Signature? signature)
    {
        Encoded = encoded;
        ToBeSignedEncoded = tbsEncoded;
        Type = type;
        Issuer = issuer;
        ToBeSigned = toBeSigned;
        Signature = signature;
    }

    /// <summary>The certificate's COER encoding as received or built.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>The encoding of the toBeSigned component (a slice of <see cref="Encoded"/>).</summary>
    public ReadOnlyMemory<byte> ToBeSignedEncoded { get; }

    public CertificateType Type { get; }

    public IssuerIdentifier Issuer { get; }

    public ToBeSignedCertificate ToBeSigned { get; }

    public Signature? Signature { get; }

    /// <summary>
    /// The whole-certificate hash algorithm (1609.2-2016 §6.4 / 1609.2-2022 §6.4): the one named by the
    /// issuer choice (sha256AndDigest, sha384AndDigest, sm3AndDigest) or by self for a root. A certificate
    /// issued under a brainpoolP384r1 key is therefore hashed with SHA-384, one under an SM2 key with SM3.
    /// </summary>
    public HashAlgorithm HashAlgorithm => Issuer.HashAlgorithm;

    /// <summary>Whether the encoding is already in 1609.2 canonical form (rSig x-only, keys compressed).</summary>
    public bool IsCanonical => (Signature is null || Signature.R.Form == EccPointForm.XOnly) && ToBeSigned.IsCanonical;

    /// <summary>
    /// The hash of the canonical encoding (1609.2-2016 §6.4, §5.3.1: the certificate is canonicalized
    /// before it is hashed, so a sender's choice of compressed-y rSig does not change its identity).
    /// </summary>
    public ReadOnlySpan<byte> Hash => _hash ??= Hashing.Hash(HashAlgorithm, CanonicalEncoding().Span);

    /// <summary>HashedId8 of the certificate (IEEE 1609.2-2016 §6.3.29): the last 8 octets of <see cref="Hash"/>.</summary>
    public HashedId8 HashedId8 => HashedId8.FromHash(Hash);

    /// <summary>
    /// The HashedId8 of the encoding as received (<see cref="Signing.CertificateHashing.AsSent"/>): the same as
    /// <see cref="HashedId8"/> for a canonical certificate; what a stack that does not canonicalise names it by.
    /// </summary>
    public HashedId8 AsSentHashedId8 => IsCanonical ? HashedId8 : HashedId8.FromHash(Hashing.Hash(HashAlgorithm, Encoded.Span));

    /// <summary>HashedId3 of the certificate (IEEE 1609.2-2016 §6.3.30): the last 3 octets of <see cref="Hash"/>.</summary>
    public HashedId3 HashedId3 => HashedId3.FromHash(Hash);

    /// <summary>The canonical encoding: <see cref="Encoded"/> when already canonical, else a canonical re-encoding.</summary>
    public ReadOnlyMemory<byte> CanonicalEncoding()
    {
        if (IsCanonical)
        {
            return Encoded;
        }

        var writer = new OerWriter(Encoded.Length + 32);
        EncodeParts(writer, Type, Issuer, ToBeSigned.IsCanonical ? null : ToBeSigned.ToCanonical(), ToBeSignedEncoded.Span, Signature?.ToCanonical());
        return writer.ToArray();
    }

    /// <summary>The canonical encoding of the toBeSigned part (the input of the certificate's signature).</summary>
    public ReadOnlyMemory<byte> CanonicalToBeSigned()
    {
        if (ToBeSigned.IsCanonical)
        {
            return ToBeSignedEncoded;
        }

        var writer = new OerWriter(ToBeSignedEncoded.Length);
        ToBeSigned.ToCanonical().Encode(writer);
        return writer.ToArray();
    }

    /// <summary>Builds a certificate and its encoding.</summary>
    public static Certificate Create(CertificateType type, IssuerIdentifier issuer, ToBeSignedCertificate toBeSigned, Signature? signature)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(toBeSigned);
        if ((type == CertificateType.Explicit) != (signature is not null) ||
            (type == CertificateType.Explicit) != (toBeSigned.VerifyKeyIndicator.VerificationKey is not null))
        {
            throw new ArgumentException("an explicit certificate has a verification key and a signature; an implicit one has neither");
        }

        var writer = new OerWriter(256);
        var tbsStart = EncodeParts(writer, type, issuer, toBeSigned, default, signature, out var tbsEnd);
        var bytes = writer.ToArray();
        return new Certificate(bytes, bytes.AsMemory(tbsStart, tbsEnd - tbsStart), type, issuer, toBeSigned, signature);
    }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRaw(Encoded.Span);
    }

    public static Certificate Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var start = reader.Position;
        var bits = reader.ReadPreamble(extensible: false, 1, out _);
        reader.Push("version");
        var version = reader.ReadUInt8();
        if (version != 3)
        {
            throw reader.FailAt(start + 1, $"certificate version {version}, expected 3");
        }

        reader.Pop();
        reader.Push("type");
        var type = (CertificateType)reader.ReadEnumerated(static v => v is 0 or 1);
        reader.Pop();
        reader.Push("issuer");
        var issuer = IssuerIdentifier.Decode(reader);
        reader.Pop();
        reader.Push("toBeSigned");
        var tbsStart = reader.Position;
        var tbs = ToBeSignedCertificate.Decode(reader);
        var tbsEnd = reader.Position;
        reader.Pop();
        Signature? signature = null;
        if (bits != 0)
        {
            reader.Push("signature");
            signature = Signature.Decode(reader);
            reader.Pop();
        }

        // ExplicitCertificate / ImplicitCertificate constraints (1609.2-2016 §6.4).
        var hasKey = tbs.VerifyKeyIndicator.VerificationKey is not null;
        if (type == CertificateType.Explicit && (!hasKey || signature is null))
        {
            throw reader.FailAt(start, "explicit certificate without verificationKey or signature");
        }

        if (type == CertificateType.Implicit && (hasKey || signature is not null))
        {
            throw reader.FailAt(start, "implicit certificate with verificationKey or signature");
        }

        var buffer = reader.Buffer;
        return new Certificate(buffer[start..reader.Position], buffer[tbsStart..tbsEnd], type, issuer, tbs, signature);
    }

    /// <summary>Decodes one certificate that must fill <paramref name="encoded"/> exactly.</summary>
    public static Certificate Decode(ReadOnlyMemory<byte> encoded)
    {
        var reader = new OerReader(encoded, "Certificate");
        var certificate = Decode(reader);
        reader.ExpectEnd();
        return certificate;
    }

    private static void EncodeParts(OerWriter writer, CertificateType type, IssuerIdentifier issuer, ToBeSignedCertificate? tbs,
        ReadOnlySpan<byte> tbsEncoded, Signature? signature) =>
        EncodeParts(writer, type, issuer, tbs, tbsEncoded, signature, out _);

    private static int EncodeParts(OerWriter writer, CertificateType type, IssuerIdentifier issuer, ToBeSignedCertificate? tbs,
        ReadOnlySpan<byte> tbsEncoded, Signature? signature, out int tbsEnd)
    {
        writer.WritePreamble(false, false, signature is null ? 0u : 1u, 1);
        writer.WriteByte(3);
        writer.WriteEnumerated((int)type);
        issuer.Encode(writer);
        var tbsStart = writer.Length;
        if (tbs is not null)
        {
            tbs.Encode(writer);
        }
        else
        {
            writer.WriteRaw(tbsEncoded);
        }

        tbsEnd = writer.Length;
        signature?.Encode(writer);
        return tbsStart;
    }
}
