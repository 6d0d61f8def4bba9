using V2x.Per;

namespace V2x.Tests.Per;

/// <summary>A malformed input, the decoding that must reject it, and where and why it must fail.</summary>
public sealed record PerFailure(string Name, byte[] Input, Action<UperReader> Decode, string FieldPath, long ByteOffset, string Reason)
{
    public override string ToString() => Name;
}
