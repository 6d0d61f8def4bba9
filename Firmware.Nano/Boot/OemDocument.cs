using System;
using Firmware.Nano.Crypto;
using Firmware.Nano.Oer;
using Firmware.Nano.SecureElement;

namespace Firmware.Nano.Boot;

/// <summary>
/// Opens an OEM-signed document (<c>Firmware/SecurePartition/Boot/OemDocument.cs</c>): an IEEE 1609.2
/// Ieee1609Dot2Data of content signedData, hashId sha256, signer self (1609.2-2016 §6.3.24), HeaderInfo with
/// PSID 0x1D and generationTime only, unsecuredData = kind octet ‖ body; the ECDSA P-256 signature is checked
/// by the secure element against the OEM public key provisioned in a slot (as ESP32 Secure Boot V2 checks
/// against the key digest burnt in eFuse). Any other shape is refused: the reader knows exactly this one.
/// </summary>
public static class OemDocument
{
    /// <summary>PSID of OEM documents (IEEE 1609.12: 0x1D is reserved for private use).</summary>
    public const ulong Psid = 0x1D;

    /// <summary>Largest document read.</summary>
    public const int MaxBytes = 64 * 1024;

    // SHA-256 of the empty string: Hash(signer identifier input) for a self-signed SPDU (1609.2-2016 §5.3.1).
    private static readonly byte[] EmptyHash =
    {
        0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
        0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
    };

    /// <summary>Verifies <paramref name="document"/> and returns its body.</summary>
    /// <exception cref="MalformedDataException">Not a document of the expected shape.</exception>
    /// <exception cref="OemDocumentException">Of another kind, or the signature is not the OEM's.</exception>
    /// <exception cref="SecureElementException">The secure element does not answer.</exception>
    public static byte[] Open(byte[] document, byte expectedKind, ISecureElement element, int oemKeySlot)
    {
        if (document == null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        if (element == null)
        {
            throw new ArgumentNullException(nameof(element));
        }

        if (document.Length > MaxBytes)
        {
            throw new MalformedDataException("OemDocument", "document of " + document.Length + " octets exceeds " + MaxBytes);
        }

        var r = new OerReader(document, "OemDocument");
        Expect(r, 3, "protocolVersion");
        Expect(r, 0x81, "content"); // signedData
        Expect(r, 0x00, "hashId"); // sha256
        var tbsStart = r.Position;
        Expect(r, 0x40, "tbsData.payload"); // SignedDataPayload: data present, no extension
        Expect(r, 3, "tbsData.payload.data.protocolVersion");
        Expect(r, 0x80, "tbsData.payload.data.content"); // unsecuredData
        var payloadLength = r.ReadLength("tbsData.payload.data.unsecuredData");
        var payload = r.ReadBytes(payloadLength, "tbsData.payload.data.unsecuredData");
        Expect(r, 0x40, "tbsData.headerInfo"); // no extension; generationTime only
        if (r.ReadSemiConstrainedUnsigned("tbsData.headerInfo.psid") != Psid)
        {
            throw r.Fail("tbsData.headerInfo.psid", "not the OEM document PSID 0x1D");
        }

        r.ReadUInt64("tbsData.headerInfo.generationTime");
        var tbsLength = r.Position - tbsStart;
        Expect(r, 0x82, "signer"); // self
        Expect(r, 0x80, "signature"); // ecdsaNistP256Signature
        var form = r.ReadByte("signature.rSig");
        if (form != 0x80 && form != 0x82 && form != 0x83)
        {
            throw r.Fail("signature.rSig", "rSig is neither x-only nor compressed");
        }

        var signature = new byte[64];
        Array.Copy(r.ReadBytes(32, "signature.rSig"), 0, signature, 0, 32);
        Array.Copy(r.ReadBytes(32, "signature.sSig"), 0, signature, 32, 32);
        r.ExpectEnd();

        // IEEE 1609.2-2016 §5.3.1: SHA-256(SHA-256(tbsData) ‖ SHA-256(empty signer input)).
        var input = new byte[64];
        var sha = new Sha256();
        sha.Append(document, tbsStart, tbsLength);
        sha.Finish(input, 0);
        Array.Copy(EmptyHash, 0, input, 32, 32);
        sha.Append(input, 0, 64);
        var digest = new byte[32];
        sha.Finish(digest, 0);
        if (!element.VerifyDigest(oemKeySlot, digest, signature))
        {
            throw new OemDocumentException("the document is not signed by the OEM key");
        }

        if (payload.Length == 0 || payload[0] != expectedKind)
        {
            throw new OemDocumentException("the document is of kind " + (payload.Length == 0 ? -1 : payload[0]) + ", not " + expectedKind);
        }

        var body = new byte[payload.Length - 1];
        Array.Copy(payload, 1, body, 0, body.Length);
        return body;
    }

    private static void Expect(OerReader r, byte value, string field)
    {
        var got = r.ReadByte(field);
        if (got != value)
        {
            throw r.Fail(field, "octet " + got + " where " + value + " was expected");
        }
    }
}
