using V2x.Oer;

namespace V2x.Security.Crypto;

/// <summary>
/// IEEE 1609.2 EciesP256EncryptedKey ::= SEQUENCE { v EccP256CurvePoint, c OCTET STRING (SIZE (16)),
/// t OCTET STRING (SIZE (16)) } (1609.2-2016 §6.3.33): the sender's ephemeral public key, the
/// encrypted AES key and the authentication tag of ECIES (§5.3.5).
/// </summary>
public sealed class EciesP256EncryptedKey
{
    public EciesP256EncryptedKey(EccP256CurvePoint v, ReadOnlyMemory<byte> c, ReadOnlyMemory<byte> t)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (c.Length != 16 || t.Length != 16)
        {
            throw new ArgumentException("c and t are 16 octets each");
        }

        V = v;
        C = c;
        T = t;
    }

    /// <summary>The sender's ephemeral public key (compressed or uncompressed).</summary>
    public EccP256CurvePoint V { get; }

    /// <summary>The AES key XORed with K1.</summary>
    public ReadOnlyMemory<byte> C { get; }

    /// <summary>The HMAC-SHA256 tag over c with K2, truncated to 16 octets.</summary>
    public ReadOnlyMemory<byte> T { get; }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        V.Encode(writer);
        writer.WriteFixedOctets(C.Span, 16);
        writer.WriteFixedOctets(T.Span, 16);
    }

    public static EciesP256EncryptedKey Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var start = reader.Position;
        reader.Push("v");
        var v = EccP256CurvePoint.Decode(reader);
        reader.Pop();
        if (v.Form is EccPointForm.XOnly or EccPointForm.Fill)
        {
            throw reader.FailAt(start, $"ephemeral key of form {v.Form}");
        }

        reader.Push("c");
        var c = reader.ReadFixedOctets(16);
        reader.Pop();
        reader.Push("t");
        var t = reader.ReadFixedOctets(16);
        reader.Pop();
        return new EciesP256EncryptedKey(v, c, t);
    }
}
