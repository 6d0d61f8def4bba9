using System.Globalization;
using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// Encodes the C# enumerations that mirror ASN.1 ENUMERATED types whose values run 0, 1, 2, ...
/// in order, so that a value's root index (ITU-T X.691 §14.1: position among the values sorted by
/// value) is the value itself; values from <c>rootCount</c> on are extension additions.
/// </summary>
internal static class EnumCodec
{
    public static void Write<TEnum>(UperWriter writer, TEnum value, int rootCount, bool extensible, string name)
        where TEnum : struct, Enum
    {
        writer.WriteEnumerated(Convert.ToInt32(value, CultureInfo.InvariantCulture), rootCount, extensible, name);
    }

    public static TEnum Read<TEnum>(UperReader reader, int rootCount, bool extensible, int knownExtensionCount, string name)
        where TEnum : struct, Enum =>
        (TEnum)Enum.ToObject(typeof(TEnum), reader.ReadEnumerated(rootCount, extensible, knownExtensionCount, name));

    public static TEnum Read<TEnum>(UperReader reader, int rootCount, string name)
        where TEnum : struct, Enum => Read<TEnum>(reader, rootCount, false, 0, name);
}
