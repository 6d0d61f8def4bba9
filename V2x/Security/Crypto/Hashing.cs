using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace V2x.Security.Crypto;

/// <summary>
/// The hash functions of IEEE 1609.2 §5.3.3: SHA-256 and SHA-384 (FIPS 180-4, through .NET) and
/// SM3 (GB/T 32905-2016, through BouncyCastle).
/// </summary>
public static class Hashing
{
    /// <summary>Output size in octets of a hash algorithm.</summary>
    public static int SizeOf(HashAlgorithm algorithm) => algorithm == HashAlgorithm.Sha384 ? 48 : 32;

    /// <summary>Hashes <paramref name="data"/> into <paramref name="destination"/> (exactly <see cref="SizeOf"/> octets).</summary>
    public static void Hash(HashAlgorithm algorithm, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length != SizeOf(algorithm))
        {
            throw new ArgumentException($"{algorithm} produces {SizeOf(algorithm)} octets", nameof(destination));
        }

        switch (algorithm)
        {
            case HashAlgorithm.Sha256:
                SHA256.HashData(data, destination);
                break;
            case HashAlgorithm.Sha384:
                SHA384.HashData(data, destination);
                break;
            case HashAlgorithm.Sm3:
                var sm3 = new SM3Digest();
                sm3.BlockUpdate(data);
                sm3.DoFinal(destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm));
        }
    }

    /// <summary>Hashes <paramref name="data"/> into a new array.</summary>
    public static byte[] Hash(HashAlgorithm algorithm, ReadOnlySpan<byte> data)
    {
        var result = new byte[SizeOf(algorithm)];
        Hash(algorithm, data, result);
        return result;
    }
}
