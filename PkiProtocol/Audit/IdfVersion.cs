using System.Globalization;

namespace PkiProtocol.Audit;

/// <summary>A dotted numeric version ("2.1.0"), compared component by component (missing components are 0).</summary>
public readonly record struct IdfVersion : IComparable<IdfVersion>
{
    private readonly int[] _parts;

    private IdfVersion(int[] parts)
    {
        _parts = parts;
    }

    public static IdfVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new ArgumentException($"version '{text}' is not dotted numbers (e.g. 2.1.0)", nameof(text));

    public static bool TryParse(string? text, out IdfVersion version)
    {
        version = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var pieces = text.Split('.');
        if (pieces.Length > 6)
        {
            return false;
        }

        var parts = new int[pieces.Length];
        for (var i = 0; i < pieces.Length; i++)
        {
            if (pieces[i].Length is 0 or > 9 || !pieces[i].All(char.IsAsciiDigit)
                || !int.TryParse(pieces[i], NumberStyles.None, CultureInfo.InvariantCulture, out parts[i]))
            {
                return false;
            }
        }

        version = new IdfVersion(parts);
        return true;
    }

    public int CompareTo(IdfVersion other)
    {
        var a = _parts ?? [];
        var b = other._parts ?? [];
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : 0;
            var y = i < b.Length ? b[i] : 0;
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return 0;
    }

    public bool Equals(IdfVersion other) => CompareTo(other) == 0;

    public override int GetHashCode() => string.Join('.', (_parts ?? []).Reverse().SkipWhile(p => p == 0).Reverse()).GetHashCode(StringComparison.Ordinal);

    public static bool operator <(IdfVersion left, IdfVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(IdfVersion left, IdfVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(IdfVersion left, IdfVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(IdfVersion left, IdfVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Join('.', _parts ?? []);
}
