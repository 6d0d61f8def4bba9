using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Security;

namespace V2x.Security.Crypto;

/// <summary>
/// SM2 digital signature (GB/T 32918.2-2016 §6-§7) over the 32-octet value e = SM3(Z_A ‖ M), with
/// Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) (§5.5). Curve arithmetic is BouncyCastle's.
/// </summary>
public static class Sm2
{
    /// <summary>The default distinguishing identifier of GM/T 0009-2012 §10 ("1234567812345678"), which
    /// this library uses for IEEE 1609.2-2022 SM2 signatures (no other identifier is carried in an SPDU).</summary>
    public static readonly byte[] DefaultUserId = Encoding.ASCII.GetBytes("1234567812345678");

    /// <summary>Z_A of a public key for a user identifier (GB/T 32918.2-2016 §5.5).</summary>
    public static byte[] ComputeZ(ECPoint publicKey, ReadOnlySpan<byte> userId) =>
        ComputeZ(CurveParameters.Sm2P256v1, publicKey, userId);

    /// <summary>Z_A on explicit domain parameters (the test curve of GB/T 32918.2 Annex A, for instance).</summary>
    public static byte[] ComputeZ(ECDomainParameters domain, ECPoint publicKey, ReadOnlySpan<byte> userId)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(publicKey);
        if (userId.Length > 8191)
        {
            throw new ArgumentException("ENTL is 16 bits", nameof(userId));
        }

        var sm3 = new SM3Digest();
        var bits = userId.Length * 8;
        sm3.Update((byte)(bits >> 8));
        sm3.Update((byte)bits);
        sm3.BlockUpdate(userId);
        Span<byte> field = stackalloc byte[32];
        Append(sm3, domain.Curve.A.ToBigInteger(), field);
        Append(sm3, domain.Curve.B.ToBigInteger(), field);
        var g = domain.G.Normalize();
        Append(sm3, g.AffineXCoord.ToBigInteger(), field);
        Append(sm3, g.AffineYCoord.ToBigInteger(), field);
        var p = publicKey.Normalize();
        Append(sm3, p.AffineXCoord.ToBigInteger(), field);
        Append(sm3, p.AffineYCoord.ToBigInteger(), field);
        var z = new byte[32];
        sm3.DoFinal(z);
        return z;
    }

    /// <summary>e = SM3(Z_A ‖ message) (GB/T 32918.2-2016 §6.1 steps A1-A2).</summary>
    public static void ComputeE(ReadOnlySpan<byte> z, ReadOnlySpan<byte> message, Span<byte> e)
    {
        var sm3 = new SM3Digest();
        sm3.BlockUpdate(z);
        sm3.BlockUpdate(message);
        sm3.DoFinal(e);
    }

    /// <summary>Signs e with private key d (GB/T 32918.2-2016 §6.1 steps A3-A7).</summary>
    public static void SignE(BigInteger d, ReadOnlySpan<byte> e, SecureRandom random, Span<byte> r, Span<byte> s)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(random);
        var domain = CurveParameters.Sm2P256v1;
        var n = domain.N;
        var eInt = new BigInteger(1, e.ToArray());
        var multiplier = new FixedPointCombMultiplier();
        while (true)
        {
            var k = new BigInteger(n.BitLength, random);
            if (k.SignValue == 0 || k.CompareTo(n) >= 0)
            {
                continue;
            }

            var x1 = multiplier.Multiply(domain.G, k).Normalize().AffineXCoord.ToBigInteger();
            var rInt = eInt.Add(x1).Mod(n);
            if (rInt.SignValue == 0 || rInt.Add(k).Equals(n))
            {
                continue;
            }

            var dPlus1Inv = d.Add(BigInteger.One).ModInverse(n);
            var sInt = dPlus1Inv.Multiply(k.Subtract(rInt.Multiply(d)).Mod(n)).Mod(n);
            if (sInt.SignValue == 0)
            {
                continue;
            }

            CurveParameters.ToFixed32(rInt, r);
            CurveParameters.ToFixed32(sInt, s);
            return;
        }
    }

    /// <summary>Verifies (r, s) over e with public key P (GB/T 32918.2-2016 §7.1 steps B1-B7).</summary>
    public static bool VerifyE(ECPoint publicKey, ReadOnlySpan<byte> e, ReadOnlySpan<byte> r, ReadOnlySpan<byte> s) =>
        VerifyE(CurveParameters.Sm2P256v1, publicKey, e, r, s);

    /// <summary>Verification on explicit domain parameters.</summary>
    public static bool VerifyE(ECDomainParameters domain, ECPoint publicKey, ReadOnlySpan<byte> e, ReadOnlySpan<byte> r, ReadOnlySpan<byte> s)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(publicKey);
        var n = domain.N;
        var rInt = new BigInteger(1, r.ToArray());
        var sInt = new BigInteger(1, s.ToArray());
        if (rInt.SignValue <= 0 || rInt.CompareTo(n) >= 0 || sInt.SignValue <= 0 || sInt.CompareTo(n) >= 0)
        {
            return false;
        }

        var t = rInt.Add(sInt).Mod(n);
        if (t.SignValue == 0)
        {
            return false;
        }

        var point = ECAlgorithms.SumOfTwoMultiplies(domain.G, sInt, publicKey, t).Normalize();
        if (point.IsInfinity)
        {
            return false;
        }

        var eInt = new BigInteger(1, e.ToArray());
        return eInt.Add(point.AffineXCoord.ToBigInteger()).Mod(n).Equals(rInt);
    }

    private static void Append(SM3Digest digest, BigInteger value, Span<byte> buffer)
    {
        CurveParameters.ToFixed32(value, buffer);
        digest.BlockUpdate(buffer);
    }
}
