using V2x.Oer;
using V2x.Security.Crypto;

namespace V2x.Security;

/// <summary>
/// IEEE 1609.2 HashedData ::= CHOICE { sha256HashedData HashedId32, ..., sha384HashedData HashedId48,
/// sm3HashedData HashedId32 } (1609.2-2022 §6.3): the hash of data carried outside the SPDU.
/// </summary>
public sealed class HashedData
{
    public HashedData(HashAlgorithm algorithm, ReadOnlyMemory<byte> hash)
    {
        var size = algorithm == HashAlgorithm.Sha384 ? 48 : 32;
        if (!Enum.IsDefined(algorithm) || hash.Length != size)
        {
            throw new ArgumentException($"a {algorithm} hash is {size} octets", nameof(hash));
        }

        Algorithm = algorithm;
        Hash = hash;
    }

    public HashAlgorithm Algorithm { get; }

    public ReadOnlyMemory<byte> Hash { get; }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteChoiceIndex((int)Algorithm);
        if (Algorithm == HashAlgorithm.Sha256)
        {
            writer.WriteFixedOctets(Hash.Span, 32);
            return;
        }

        writer.WriteLength(Hash.Length);
        writer.WriteRaw(Hash.Span);
    }

    public static HashedData Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var index = reader.ReadChoiceIndex(1, 2, out var isExtension);
        var algorithm = (HashAlgorithm)index;
        if (!isExtension)
        {
            return new HashedData(algorithm, reader.ReadFixedOctets(32));
        }

        var token = reader.BeginOpenType();
        var hash = reader.ReadFixedOctets(algorithm == HashAlgorithm.Sha384 ? 48 : 32);
        reader.EndOpenType(token);
        return new HashedData(algorithm, hash);
    }
}
