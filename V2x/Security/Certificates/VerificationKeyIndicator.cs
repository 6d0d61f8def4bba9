using V2x.Oer;
using V2x.Security.Crypto;

namespace V2x.Security.Certificates;

/// <summary>
/// IEEE 1609.2 VerificationKeyIndicator ::= CHOICE { verificationKey PublicVerificationKey,
/// reconstructionValue EccP256CurvePoint, ... } (1609.2-2016 §6.4). Explicit certificates carry
/// verificationKey; implicit ones (reconstructionValue) are decoded and carried but cannot be verified here.
/// </summary>
public sealed record VerificationKeyIndicator
{
    private VerificationKeyIndicator(PublicVerificationKey? key, EccP256CurvePoint? reconstruction)
    {
        VerificationKey = key;
        ReconstructionValue = reconstruction;
    }

    public PublicVerificationKey? VerificationKey { get; }

    public EccP256CurvePoint? ReconstructionValue { get; }

    public static VerificationKeyIndicator FromKey(PublicVerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new VerificationKeyIndicator(key, null);
    }

    public static VerificationKeyIndicator FromReconstructionValue(EccP256CurvePoint value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new VerificationKeyIndicator(null, value);
    }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (VerificationKey is not null)
        {
            writer.WriteChoiceIndex(0);
            VerificationKey.Encode(writer);
        }
        else
        {
            writer.WriteChoiceIndex(1);
            ReconstructionValue!.Encode(writer);
        }
    }

    public static VerificationKeyIndicator Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadChoiceIndex(2, 0, out _) == 0)
        {
            reader.Push("verificationKey");
            var key = PublicVerificationKey.Decode(reader);
            reader.Pop();
            return FromKey(key);
        }

        reader.Push("reconstructionValue");
        var value = EccP256CurvePoint.Decode(reader);
        reader.Pop();
        return FromReconstructionValue(value);
    }
}
