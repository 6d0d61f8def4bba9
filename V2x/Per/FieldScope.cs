namespace V2x.Per;

/// <summary>
/// Marks that a reader or writer has entered a named component (a SEQUENCE member, a CHOICE
/// alternative, a list item). Disposing it leaves the component again, so error messages name
/// the path. Obtain one from <see cref="UperReader.Field"/> or <see cref="UperWriter.Field"/>.
/// </summary>
public readonly struct FieldScope : IDisposable, IEquatable<FieldScope>
{
    private readonly FieldPath? _path;
    private readonly int _depth;

    internal FieldScope(FieldPath path, string name)
    {
        _path = path;
        _depth = path.Depth;
        path.Push(name);
    }

    /// <summary>Leaves the component.</summary>
    public void Dispose() => _path?.PopTo(_depth);

    public bool Equals(FieldScope other) => ReferenceEquals(_path, other._path) && _depth == other._depth;

    public override bool Equals(object? obj) => obj is FieldScope other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_path, _depth);

    public static bool operator ==(FieldScope left, FieldScope right) => left.Equals(right);

    public static bool operator !=(FieldScope left, FieldScope right) => !left.Equals(right);
}
