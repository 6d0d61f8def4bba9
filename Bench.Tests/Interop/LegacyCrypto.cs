using System.Numerics;
using System.Security.Cryptography;

namespace Bench.Tests.Interop;

/// <summary>An EccP256CurvePoint (IEEE 1609.2 §6.3.23) as received: x-only, compressed or uncompressed.</summary>
internal sealed record LegacyPoint(int Form, byte[] X, byte[]? Y)
{
    public static LegacyPoint Read(LegacyOer r)
    {
        var form = r.ChoiceTag();
        return form switch
        {
            0 or 2 or 3 => new LegacyPoint(form, r.Octets(32).ToArray(), null),
            4 => new LegacyPoint(form, r.Octets(32).ToArray(), r.Octets(32).ToArray()),
            _ => throw new LegacyDecodeException($"curve point form {form}"),
        };
    }

    /// <summary>The affine y (SEC 1 §2.3.4 decompression for the compressed forms).</summary>
    public byte[] AffineY()
    {
        if (Y is not null)
        {
            return Y;
        }

        if (Form is not (2 or 3))
        {
            throw new LegacyDecodeException("an x-only point names no key");
        }

        // NIST P-256 (FIPS 186-4 D.1.2.3): y^2 = x^3 - 3x + b mod p; p = 3 mod 4, so y = (y^2)^((p+1)/4).
        var p = BigInteger.Parse("0ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", System.Globalization.NumberStyles.HexNumber);
        var b = BigInteger.Parse("05ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", System.Globalization.NumberStyles.HexNumber);
        var x = new BigInteger(X, isUnsigned: true, isBigEndian: true);
        var rhs = BigInteger.ModPow(x, 3, p) - (3 * x) + b;
        rhs = ((rhs % p) + p) % p;
        var y = BigInteger.ModPow(rhs, (p + 1) / 4, p);
        if (!y.IsEven != (Form == 3))
        {
            y = p - y;
        }

        var bytes = y.ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[32 - bytes.Length], .. bytes];
    }
}

/// <summary>An ecdsaNistP256Signature (IEEE 1609.2 §6.3.31): r (as a curve point, its x used) and s.</summary>
internal sealed record LegacySignature(byte[] R, byte[] S)
{
    public static LegacySignature Read(LegacyOer r)
    {
        if (r.ChoiceTag() != 0)
        {
            throw new LegacyDecodeException("signature other than ecdsaNistP256");
        }

        var point = LegacyPoint.Read(r);
        return new LegacySignature(point.X, r.Octets(32).ToArray());
    }

    /// <summary>
    /// IEEE 1609.2 §5.3.1: ECDSA over SHA-256(SHA-256(tbs) ‖ SHA-256(signer octets)), the signer octets empty for
    /// a self-signed certificate.
    /// </summary>
    public bool Verifies(LegacyPoint key, ReadOnlySpan<byte> toBeSigned, ReadOnlySpan<byte> signerOctets)
    {
        byte[] data = [.. SHA256.HashData(toBeSigned), .. SHA256.HashData(signerOctets)];
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = key.X, Y = key.AffineY() },
        });
        byte[] rs = [.. R, .. S];
        return ecdsa.VerifyHash(SHA256.HashData(data), rs);
    }
}
