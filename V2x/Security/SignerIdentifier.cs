using V2x.Oer;
using V2x.Security.Certificates;

namespace V2x.Security;

/// <summary>The alternatives of SignerIdentifier (IEEE 1609.2-2016 §6.3).</summary>
public enum SignerKind
{
    Digest = 0,
    Certificate = 1,
    Self = 2,
}

/// <summary>
/// IEEE 1609.2 SignerIdentifier ::= CHOICE { digest HashedId8, certificate SequenceOfCertificate,
/// self NULL, ... } (1609.2-2016 §6.3). ETSI TS 103 097 v2.1.1 §5.2 allows exactly one certificate
/// in the certificate choice.
/// </summary>
public sealed class SignerIdentifier
{
    private SignerIdentifier(SignerKind kind, HashedId8 digest, IReadOnlyList<Certificate> certificates)
    {
        Kind = kind;
        Digest = digest;
        Certificates = certificates;
    }

    public SignerKind Kind { get; }

    public HashedId8 Digest { get; }

    public IReadOnlyList<Certificate> Certificates { get; }

    public static SignerIdentifier Self { get; } = new(SignerKind.Self, default, []);

    public static SignerIdentifier FromDigest(HashedId8 digest) => new(SignerKind.Digest, digest, []);

    public static SignerIdentifier FromCertificate(Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new SignerIdentifier(SignerKind.Certificate, default, [certificate]);
    }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteChoiceIndex((int)Kind);
        if (Kind == SignerKind.Digest)
        {
            Digest.Encode(writer);
        }
        else if (Kind == SignerKind.Certificate)
        {
            writer.WriteQuantity(Certificates.Count);
            foreach (var c in Certificates)
            {
                c.Encode(writer);
            }
        }
    }

    public static SignerIdentifier Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var kind = (SignerKind)reader.ReadChoiceIndex(3, 0, out _);
        switch (kind)
        {
            case SignerKind.Digest:
                return FromDigest(HashedId8.Decode(reader));
            case SignerKind.Certificate:
                reader.Push("certificate");
                var start = reader.Position;
                var count = reader.ReadQuantity(minElementOctets: 40);
                if (count == 0)
                {
                    throw reader.FailAt(start, "empty certificate sequence");
                }

                var list = new Certificate[count];
                for (var i = 0; i < count; i++)
                {
                    list[i] = Certificate.Decode(reader);
                }

                reader.Pop();
                return new SignerIdentifier(kind, default, list);
            default:
                return Self;
        }
    }
}
