using System.Security.Cryptography;
using System.Text;

namespace Cti.Taxii;

/// <summary>
/// The detached signature that travels with a posted envelope (Docs/community.md, "Signed submissions"): an IEEE
/// 1609.2 SignedData whose payload is only <c>extDataHash</c> (IEEE 1609.2-2016 §6.3.7), the SHA-256 of
/// <see cref="Digest"/>, carried base64-encoded in the <see cref="Header"/> request header beside the unchanged
/// TAXII 2.1 envelope. The digest binds the exact envelope bytes and the collection they are posted to, so a
/// signature can neither be moved to other content nor replayed into another collection.
/// </summary>
public static class EnvelopeSignature
{
    /// <summary>The request header holding the base64 (RFC 4648 §4) COER encoding of the signed data.</summary>
    public const string Header = "V2x-Envelope-Signature";

    // Domain separation: nothing else this project hashes starts with this label.
    private static readonly byte[] Label = Encoding.ASCII.GetBytes("x1382-taxii-envelope/1");

    /// <summary>SHA-256 over the label, 0x00, the collection id (UTF-8), 0x00, and the envelope bytes as sent.</summary>
    public static byte[] Digest(string collectionId, ReadOnlySpan<byte> envelope)
    {
        ArgumentException.ThrowIfNullOrEmpty(collectionId);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Label);
        hash.AppendData([0]);
        hash.AppendData(Encoding.UTF8.GetBytes(collectionId));
        hash.AppendData([0]);
        hash.AppendData(envelope);
        return hash.GetHashAndReset();
    }
}
