using V2x;
using V2x.Security;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Time;

namespace Firmware.SecurePartition.Boot;

/// <summary>
/// The envelope of every OEM-signed document: an IEEE 1609.2 Ieee1609Dot2Data of content
/// signedData, signer <c>self</c> (1609.2-2016 §6.3.24; §5.3.1 data input with the hash of the
/// empty string as signer hash), PSID <see cref="Psid"/>, generationTime = signing time, and
/// unsecuredData = one <see cref="OemDocumentKind"/> byte followed by the document body. The
/// secure partition verifies it with the OEM public key pinned in ROM (<see cref="BootRom"/>),
/// as ESP32 Secure Boot V2 verifies with the key whose digest is burnt in eFuse.
/// </summary>
public static class OemDocument
{
    /// <summary>
    /// PSID 0x1D: IEEE 1609.12 lists 0x1D-0x1E as reserved for private use; 0x1E carries the
    /// integrity assurance permission (V2x/Integrity), 0x1D labels documents that never go on the air.
    /// </summary>
    public static readonly Psid Psid = new(0x1D);

    /// <summary>Largest document accepted.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Signs a document body with the OEM key (the flash tool and tests; the OBU never holds this key).</summary>
    public static byte[] Sign(OemDocumentKind kind, ReadOnlySpan<byte> body, ISignatureKey oemKey, DateTimeOffset signedAt)
    {
        ArgumentNullException.ThrowIfNull(oemKey);
        var payload = new byte[body.Length + 1];
        payload[0] = (byte)kind;
        body.CopyTo(payload.AsSpan(1));
        return new SpduSigner(oemKey, null).SignPayload(payload, Psid, Time64.FromUtc(signedAt), SignerChoice.Self);
    }

    /// <summary>Verifies a document with the pinned OEM key and returns its body and signing time.</summary>
    /// <exception cref="OemDocumentException">Malformed, not signed by the OEM key, or of another kind.</exception>
    public static (byte[] Body, DateTimeOffset SignedAt) Open(ReadOnlyMemory<byte> document, OemDocumentKind expected, BootRom rom)
    {
        ArgumentNullException.ThrowIfNull(rom);
        return Open(document, expected, rom.OemPublicKey, "the pinned OEM key", MaxBytes);
    }

    /// <summary>
    /// Verifies a document with a given key (a later stage's key, named by the stage before it,
    /// patent ¶138-140) and returns its body and signing time.
    /// </summary>
    /// <param name="document">The signed document.</param>
    /// <param name="expected">The kind it must be.</param>
    /// <param name="key">The key it must verify with.</param>
    /// <param name="keyName">How errors name the key ("the pinned OEM key", "the application key of the secure partition's manifest").</param>
    /// <param name="maxBytes">Largest document accepted.</param>
    /// <exception cref="OemDocumentException">Malformed, not signed by the key, or of another kind.</exception>
    public static (byte[] Body, DateTimeOffset SignedAt) Open(ReadOnlyMemory<byte> document, OemDocumentKind expected, PublicVerificationKey key, string keyName, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(keyName);
        if (document.Length > maxBytes)
        {
            throw new OemDocumentException(OemDocumentError.Malformed, $"{expected} of {document.Length} bytes exceeds {maxBytes}.");
        }

        SignedData signed;
        try
        {
            signed = Ieee1609Dot2Data.Decode(document).SignedData
                ?? throw new OemDocumentException(OemDocumentError.Malformed, $"{expected} is not signed data.");
        }
        catch (DecodeException e)
        {
            throw new OemDocumentException(OemDocumentError.Malformed, $"{expected} does not decode: {e.Message}", e);
        }

        try
        {
            // IEEE 1609.2-2016 §5.3.1: self-signed data, signer hash over the empty string.
            SpduVerifier.VerifySelfSigned(signed, key);
        }
        catch (VerificationException e)
        {
            throw new OemDocumentException(OemDocumentError.BadSignature, $"{expected} is not signed by {keyName}: {e.Message}", e);
        }

        var header = signed.TbsData.HeaderInfo;
        var payload = signed.TbsData.Payload.Data?.Opaque ?? ReadOnlyMemory<byte>.Empty;
        if (header.Psid != Psid || payload.IsEmpty || payload.Span[0] != (byte)expected || header.GenerationTime is null)
        {
            throw new OemDocumentException(OemDocumentError.WrongKind, $"The signed document is not a {expected}.");
        }

        return (payload[1..].ToArray(), header.GenerationTime.Value.ToUtc());
    }
}
