namespace V2x.Per;

/// <summary>
/// Marks that a reader or writer has entered a named component (a SEQUENCE member, a CHOICE
/// alternative, a list item). Disposing it leaves the component again, so error messages name
/// the path. Obtain one from <see cref="UperReader.Field"/> or <see cref="UperWriter.Field"/>.
/// </summary>
public readonly struct FieldScope : IDisposable, IEquatable<FieldScope>
{
    private readonly FieldPath? path;
    private readonly int depth;

    internal FieldScope(FieldPath path, string name)
    {
        this.path = path;
        depth = path.Depth;
        path.Push(name);
    }

    /// <summary>Leaves the component.</summary>
    public void Dispose() => path?.PopTo(depth);

    public bool Equals(FieldScope other) => ReferenceEquals(path, other.path) && depth == other.depth;

    public override bool Equals(object? obj) => obj is FieldScope other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(path, depth);

    public static bool operator ==(FieldScope left, FieldScope right) => left.Equals(right);

    public static bool operator !=(FieldScope left, FieldScope right) => !left.Equals(right);
}
