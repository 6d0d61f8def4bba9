using System.Globalization;
using System.Runtime.CompilerServices;
using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// Encodes the C# enumerations that mirror ASN.1 ENUMERATED types whose values run 0, 1, 2, ...
/// in order, so that a value's root index (ITU-T X.691 §14.1: position among the values sorted by
/// value) is the value itself; values from <c>rootCount</c> on are extension additions.
/// </summary>
/// <remarks>
/// The value passes between the enumeration and its index without boxing (a CAM has about seven enumerations, and
/// <c>Enum.ToObject</c> / <c>Convert.ToInt32</c> allocated a box for each on every message received and sent): the
/// JIT compiles each <typeparamref name="TEnum"/>'s copy to the one conversion of its size.
/// </remarks>
internal static class EnumCodec
{
    public static void Write<TEnum>(UperWriter writer, TEnum value, int rootCount, bool extensible, string name)
        where TEnum : struct, Enum
    {
        writer.WriteEnumerated(ToInt32(value), rootCount, extensible, name);
    }

    public static TEnum Read<TEnum>(UperReader reader, int rootCount, bool extensible, int knownExtensionCount, string name)
        where TEnum : struct, Enum =>
        FromInt32<TEnum>(reader.ReadEnumerated(rootCount, extensible, knownExtensionCount, name));

    public static TEnum Read<TEnum>(UperReader reader, int rootCount, string name)
        where TEnum : struct, Enum => Read<TEnum>(reader, rootCount, false, 0, name);

    private static int ToInt32<TEnum>(TEnum value)
        where TEnum : struct, Enum => Unsafe.SizeOf<TEnum>() switch
        {
            1 when IsSigned<TEnum>() => Unsafe.BitCast<TEnum, sbyte>(value),
            1 => Unsafe.BitCast<TEnum, byte>(value),
            2 when IsSigned<TEnum>() => Unsafe.BitCast<TEnum, short>(value),
            2 => Unsafe.BitCast<TEnum, ushort>(value),
            4 => Unsafe.BitCast<TEnum, int>(value),
            _ => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        };

    private static TEnum FromInt32<TEnum>(int value)
        where TEnum : struct, Enum => Unsafe.SizeOf<TEnum>() switch
        {
            1 => Unsafe.BitCast<byte, TEnum>((byte)value),
            2 => Unsafe.BitCast<ushort, TEnum>((ushort)value),
            4 => Unsafe.BitCast<int, TEnum>(value),
            _ => (TEnum)Enum.ToObject(typeof(TEnum), value),
        };

    private static bool IsSigned<TEnum>()
        where TEnum : struct, Enum => Type.GetTypeCode(typeof(TEnum)) is TypeCode.SByte or TypeCode.Int16;
}
