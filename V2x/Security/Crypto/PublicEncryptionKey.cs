using V2x.Oer;

namespace V2x.Security.Crypto;

/// <summary>SymmAlgorithm ::= ENUMERATED { aes128Ccm, ..., sm4Ccm } (IEEE 1609.2-2022 §6.3 base types).</summary>
public enum SymmetricAlgorithm
{
    Aes128Ccm = 0,
    Sm4Ccm = 1,
}

/// <summary>BasePublicEncryptionKey alternatives (IEEE 1609.2-2022 §6.3 base types).</summary>
public enum PublicEncryptionAlgorithm
{
    EciesNistP256 = 0,
    EciesBrainpoolP256r1 = 1,
    EcencSm2 = 2,
}

/// <summary>
/// IEEE 1609.2 PublicEncryptionKey ::= SEQUENCE { supportedSymmAlg SymmAlgorithm, publicKey
/// BasePublicEncryptionKey } (1609.2-2022 §6.3 base types). Only carried, never used, by this library.
/// </summary>
public sealed class PublicEncryptionKey
{
    public PublicEncryptionKey(SymmetricAlgorithm symmetricAlgorithm, PublicEncryptionAlgorithm algorithm, EccP256CurvePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (!Enum.IsDefined(symmetricAlgorithm) || !Enum.IsDefined(algorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm));
        }

        SymmetricAlgorithm = symmetricAlgorithm;
        Algorithm = algorithm;
        Point = point;
    }

    public SymmetricAlgorithm SymmetricAlgorithm { get; }

    public PublicEncryptionAlgorithm Algorithm { get; }

    public EccP256CurvePoint Point { get; }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteEnumerated((int)SymmetricAlgorithm);
        if (Algorithm == PublicEncryptionAlgorithm.EcencSm2)
        {
            writer.WriteChoiceIndex(2);
            var mark = writer.BeginOpenType();
            Point.Encode(writer);
            writer.EndOpenType(mark);
            return;
        }

        writer.WriteChoiceIndex((int)Algorithm);
        Point.Encode(writer);
    }

    public static PublicEncryptionKey Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.Push("supportedSymmAlg");
        var symm = (SymmetricAlgorithm)reader.ReadEnumerated(static v => v is 0 or 1);
        reader.Pop();
        reader.Push("publicKey");
        var index = reader.ReadChoiceIndex(2, 1, out var isExtension);
        EccP256CurvePoint point;
        if (isExtension)
        {
            var token = reader.BeginOpenType();
            point = EccP256CurvePoint.Decode(reader);
            reader.EndOpenType(token);
        }
        else
        {
            point = EccP256CurvePoint.Decode(reader);
        }

        reader.Pop();
        return new PublicEncryptionKey(symm, (PublicEncryptionAlgorithm)index, point);
    }
}
