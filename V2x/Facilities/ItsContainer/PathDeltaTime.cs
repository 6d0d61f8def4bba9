using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DE_PathDeltaTime: <c>INTEGER (1..65535, ...)</c> in units of
/// 10 ms. The constraint is extensible (X.691 §13.1), so values beyond the root travel in the
/// extension encoding; this codec carries any 32-bit value of at least 1.
/// </summary>
internal static class PathDeltaTime
{
    public static void Encode(UperWriter w, int tenMilliseconds, string name)
    {
        if (tenMilliseconds < 1)
        {
            throw w.OutOfRange(name, tenMilliseconds, "PathDeltaTime is at least 1 (10 ms)");
        }

        w.WriteExtensibleInteger(tenMilliseconds, 1, 65535, name);
    }

    public static int Decode(UperReader r, string name)
    {
        var value = r.ReadExtensibleInteger(1, 65535, name);
        if (value < 1 || value > int.MaxValue)
        {
            throw r.Error(name, $"PathDeltaTime {value} outside (1..{int.MaxValue})");
        }

        return (int)value;
    }
}
