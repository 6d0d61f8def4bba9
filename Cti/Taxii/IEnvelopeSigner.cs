namespace Cti.Taxii;

/// <summary>
/// Signs an envelope before it is posted (the OBU's upstream forwarder asks its secure partition; see
/// <see cref="EnvelopeSignature"/>). Cti knows only the bytes; what a signature is belongs to the signer.
/// </summary>
public interface IEnvelopeSigner
{
    /// <summary>
    /// The detached signature over <see cref="EnvelopeSignature.Digest"/> of <paramref name="envelope"/> posted to
    /// <paramref name="collectionId"/>; null when the signer holds no signing identity yet (an OBU before its first
    /// ticket): the envelope then travels unsigned and the server's collection policy decides (a collection that
    /// requires signatures refuses it, and the sender keeps it to post again).
    /// </summary>
    Task<byte[]?> SignAsync(string collectionId, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken);
}
