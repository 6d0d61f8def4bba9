using V2x.Security.Crypto;

namespace Bench.Flood;

/// <summary>
/// What a forger holds: somebody else's public key (from a ticket it collected off the air) and no matching private
/// key. It lets the project's own frame builder produce a frame with a valid structure under that ticket and a
/// wrong signature: made by another key (<paramref name="signWith"/>), or random octets when none is given.
/// </summary>
internal sealed class ForgingKey(PublicVerificationKey claimed, ISignatureKey? signWith, Random random) : ISignatureKey
{
    public SignatureAlgorithm Algorithm => claimed.Algorithm;

    public PublicVerificationKey PublicKey => claimed;

    public void SignDigest(ReadOnlySpan<byte> digest, Span<byte> r, Span<byte> s)
    {
        if (signWith is not null)
        {
            signWith.SignDigest(digest, r, s);
            return;
        }

        lock (random)
        {
            random.NextBytes(r);
            random.NextBytes(s);
        }
    }
}
