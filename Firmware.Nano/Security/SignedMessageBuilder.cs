using System;
using Firmware.Nano.Crypto;
using Firmware.Nano.Oer;

namespace Firmware.Nano.Security;

/// <summary>
/// Builds the IEEE 1609.2 signed message of an MCU whose key never leaves the secure element, in three steps:
/// <see cref="ToBeSignedData"/> (what is signed), <see cref="SigningDigest"/> (the 32 octets the secure element
/// signs) and <see cref="Assemble"/> (the Ieee1609Dot2Data with a digest signer). The payload is what the
/// application hands in: for a CAM or DENM the GeoNetworking packet from the Common Header on (ETSI TS 103 097
/// v2.1.1 §5.2). Byte-identical to <c>V2x.Security.Signing.SpduSigner</c> with <c>SignerChoice.Digest</c>. Thread-safe.
/// </summary>
public sealed class SignedMessageBuilder
{
    /// <summary>HashAlgorithm sha256 (IEEE 1609.2 §6.3.5 ENUMERATED value 0).</summary>
    private const int HashIdSha256 = 0;

    /// <summary>Ieee1609Dot2Data.protocolVersion (IEEE 1609.2-2016 §6.3.2).</summary>
    public const byte ProtocolVersion = 3;

    private readonly byte[] _signerHash;
    private readonly byte[] _hashedId8 = new byte[8];

    /// <summary>A builder for the authorization ticket <paramref name="signerCertificate"/>.</summary>
    /// <param name="signerCertificate">The ticket's canonical COER encoding (as the PKI issued it: compressed keys, x-only rSig).</param>
    public SignedMessageBuilder(byte[] signerCertificate)
    {
        if (signerCertificate == null || signerCertificate.Length == 0)
        {
            throw new ArgumentException("the signer's certificate is needed", nameof(signerCertificate));
        }

        // IEEE 1609.2-2016 §5.3.1: Hash(signer identifier input) is the hash of the signer's certificate;
        // §6.3.29: its HashedId8 is the last eight octets of that hash.
        _signerHash = Sha256.Hash(signerCertificate);
        Array.Copy(_signerHash, 24, _hashedId8, 0, 8);
    }

    /// <summary>SHA-256 of the signer's certificate.</summary>
    public byte[] SignerHash => Copy(_signerHash);

    /// <summary>HashedId8 of the signer's certificate.</summary>
    public byte[] HashedId8 => Copy(_hashedId8);

    /// <summary>
    /// ToBeSignedData ::= SEQUENCE { payload SignedDataPayload, headerInfo HeaderInfo } (IEEE 1609.2-2016 §6.3.6)
    /// with payload.data = Ieee1609Dot2Data { 3, unsecuredData payload }.
    /// </summary>
    public static byte[] ToBeSignedData(byte[] payload, HeaderInfo header)
    {
        var writer = new OerWriter(payload == null ? 64 : payload.Length + 80);
        WriteToBeSignedData(writer, payload, header);
        return writer.ToArray();
    }

    /// <summary>Appends ToBeSignedData to <paramref name="writer"/>.</summary>
    public static void WriteToBeSignedData(OerWriter writer, byte[] payload, HeaderInfo header)
    {
        if (writer == null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        if (payload == null)
        {
            throw new ArgumentNullException(nameof(payload));
        }

        if (header == null)
        {
            throw new ArgumentNullException(nameof(header));
        }

        // SignedDataPayload ::= SEQUENCE { data OPTIONAL, extDataHash OPTIONAL, ... }: extension bit 0, data present.
        writer.WritePreamble(true, false, 0x2u, 2);
        writer.WriteByte(ProtocolVersion);
        writer.WriteChoiceIndex(0); // Ieee1609Dot2Content.unsecuredData
        writer.WriteLength(payload.Length);
        writer.WriteRaw(payload, 0, payload.Length);
        header.Encode(writer);
    }

    /// <summary>
    /// The digest ECDSA signs (IEEE 1609.2-2016 §5.3.1): SHA-256(SHA-256(tbsData) ‖ SHA-256(signer's certificate)).
    /// </summary>
    public byte[] SigningDigest(byte[] toBeSignedData, int offset, int count)
    {
        var sha = new Sha256();
        var input = new byte[64];
        sha.Append(toBeSignedData, offset, count);
        sha.Finish(input, 0);
        Array.Copy(_signerHash, 0, input, 32, 32);
        sha.Append(input, 0, 64);
        var digest = new byte[32];
        sha.Finish(digest, 0);
        return digest;
    }

    /// <summary>The digest of a whole ToBeSignedData encoding.</summary>
    public byte[] SigningDigest(byte[] toBeSignedData)
    {
        if (toBeSignedData == null)
        {
            throw new ArgumentNullException(nameof(toBeSignedData));
        }

        return SigningDigest(toBeSignedData, 0, toBeSignedData.Length);
    }

    /// <summary>
    /// The signed message: Ieee1609Dot2Data { protocolVersion 3, content signedData { hashId sha256, tbsData,
    /// signer digest HashedId8, signature ecdsaNistP256Signature { rSig x-only r, sSig s } } } (IEEE 1609.2-2016
    /// §6.3.2-§6.3.4, §6.3.24, §6.3.28; ETSI TS 103 097 v2.1.1 §5.2).
    /// </summary>
    /// <exception cref="ArgumentException">r or s is not 32 octets.</exception>
    public byte[] Assemble(byte[] toBeSignedData, byte[] r, byte[] s)
    {
        if (toBeSignedData == null)
        {
            throw new ArgumentNullException(nameof(toBeSignedData));
        }

        if (r == null || r.Length != 32 || s == null || s.Length != 32)
        {
            throw new ArgumentException("r and s are 32 octets each");
        }

        var writer = new OerWriter(toBeSignedData.Length + 80);
        writer.WriteByte(ProtocolVersion);
        writer.WriteChoiceIndex(1); // Ieee1609Dot2Content.signedData
        writer.WriteEnumerated(HashIdSha256);
        writer.WriteRaw(toBeSignedData, 0, toBeSignedData.Length);
        writer.WriteChoiceIndex(0); // SignerIdentifier.digest
        writer.WriteRaw(_hashedId8, 0, 8);
        writer.WriteChoiceIndex(0); // Signature.ecdsaNistP256Signature
        writer.WriteChoiceIndex(0); // EccP256CurvePoint.x-only (canonical rSig, §6.3.29)
        writer.WriteRaw(r, 0, 32);
        writer.WriteRaw(s, 0, 32);
        return writer.ToArray();
    }

    private static byte[] Copy(byte[] source)
    {
        var copy = new byte[source.Length];
        Array.Copy(source, 0, copy, 0, source.Length);
        return copy;
    }
}
