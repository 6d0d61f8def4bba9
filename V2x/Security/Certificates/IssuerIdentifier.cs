using V2x.Oer;
using V2x.Security.Crypto;

namespace V2x.Security.Certificates;

/// <summary>
/// IEEE 1609.2 IssuerIdentifier ::= CHOICE { sha256AndDigest HashedId8, self HashAlgorithm, ...,
/// sha384AndDigest HashedId8, sm3AndDigest HashedId8 } (1609.2-2016 §6.4; sm3AndDigest from 2022).
/// </summary>
public sealed record IssuerIdentifier
{
    private IssuerIdentifier(bool isSelf, HashAlgorithm algorithm, HashedId8 digest)
    {
        IsSelf = isSelf;
        HashAlgorithm = algorithm;
        Digest = digest;
    }

    /// <summary>Whether the certificate is self-signed (choice self).</summary>
    public bool IsSelf { get; }

    /// <summary>For self: the hash algorithm; otherwise the algorithm named by the choice (sha256/sha384/sm3 AndDigest).</summary>
    public HashAlgorithm HashAlgorithm { get; }

    /// <summary>The issuer's HashedId8 (not self).</summary>
    public HashedId8 Digest { get; }

    public static IssuerIdentifier Self(HashAlgorithm algorithm) => new(true, algorithm, default);

    public static IssuerIdentifier FromDigest(HashAlgorithm algorithm, HashedId8 digest) => new(false, algorithm, digest);

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (IsSelf)
        {
            writer.WriteChoiceIndex(1);
            writer.WriteEnumerated((int)HashAlgorithm);
            return;
        }

        switch (HashAlgorithm)
        {
            case HashAlgorithm.Sha256:
                writer.WriteChoiceIndex(0);
                Digest.Encode(writer);
                break;
            default:
                writer.WriteChoiceIndex(HashAlgorithm == HashAlgorithm.Sha384 ? 2 : 3);
                writer.WriteLength(8);
                Digest.Encode(writer);
                break;
        }
    }

    public static IssuerIdentifier Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var index = reader.ReadChoiceIndex(2, 2, out var isExtension);
        if (index == 1)
        {
            var algorithm = (HashAlgorithm)reader.ReadEnumerated(static v => v is >= 0 and <= 2);
            return Self(algorithm);
        }

        if (!isExtension)
        {
            return FromDigest(HashAlgorithm.Sha256, HashedId8.Decode(reader));
        }

        var token = reader.BeginOpenType();
        var digest = HashedId8.Decode(reader);
        reader.EndOpenType(token);
        return FromDigest(index == 2 ? HashAlgorithm.Sha384 : HashAlgorithm.Sm3, digest);
    }
}
