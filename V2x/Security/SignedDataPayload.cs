using V2x.Oer;

namespace V2x.Security;

/// <summary>
/// IEEE 1609.2 SignedDataPayload ::= SEQUENCE { data Ieee1609Dot2Data OPTIONAL, extDataHash
/// HashedData OPTIONAL, ..., omitted NULL OPTIONAL } (1609.2-2016 §6.3; omitted from 2022), with
/// at least one of them present.
/// </summary>
public sealed class SignedDataPayload
{
    public SignedDataPayload(Ieee1609Dot2Data? data, HashedData? extDataHash, bool omitted = false)
    {
        if (data is null && extDataHash is null && !omitted)
        {
            throw new ArgumentException("a signed payload has data, extDataHash or omitted");
        }

        Data = data;
        ExtDataHash = extDataHash;
        Omitted = omitted;
    }

    public Ieee1609Dot2Data? Data { get; }

    public HashedData? ExtDataHash { get; }

    public bool Omitted { get; }

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePreamble(true, Omitted, OerRules.PresenceBits(Data is not null, ExtDataHash is not null), 2);
        Data?.Encode(writer);
        ExtDataHash?.Encode(writer);
        if (Omitted)
        {
            writer.WriteExtensionBitmap(1, 1);
            writer.WriteLength(0);
        }
    }

    public static SignedDataPayload Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var start = reader.Position;
        var bits = reader.ReadPreamble(true, 2, out var extension);
        Ieee1609Dot2Data? data = null;
        HashedData? hash = null;
        var omitted = false;
        if (OerReader.IsPresent(bits, 2, 0))
        {
            reader.Push("data");
            data = Ieee1609Dot2Data.Decode(reader);
            reader.Pop();
        }

        if (OerReader.IsPresent(bits, 2, 1))
        {
            reader.Push("extDataHash");
            hash = HashedData.Decode(reader);
            reader.Pop();
        }

        if (extension)
        {
            var bitmap = reader.ReadExtensionBitmap();
            for (var i = 0; i < bitmap.BitCount; i++)
            {
                if (!bitmap.IsPresent(i))
                {
                    continue;
                }

                var value = reader.ReadOpenTypeBytes();
                if (i == 0)
                {
                    if (value.Length != 0)
                    {
                        throw reader.Fail("omitted (NULL) with content");
                    }

                    omitted = true;
                }
            }
        }

        if (data is null && hash is null && !omitted)
        {
            throw reader.FailAt(start, "signed payload with neither data, extDataHash nor omitted");
        }

        return new SignedDataPayload(data, hash, omitted);
    }
}
