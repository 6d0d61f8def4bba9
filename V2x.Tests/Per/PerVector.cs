using V2x.Per;

namespace V2x.Tests.Per;

/// <summary>
/// One known-answer row: how to encode a value with the UPER writer, how to decode it with the
/// reader, the value, and the expected complete encoding.
/// </summary>
public sealed record PerVector(string Name, Action<UperWriter> Encode, Func<UperReader, object> Decode, object Expected, byte[] Encoding)
{
    public override string ToString() => Name;
}
