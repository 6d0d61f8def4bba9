namespace Cti.Validation;

/// <summary>One reason a STIX object was refused: where (a JSON path) and why.</summary>
/// <param name="Path">JSON path inside the object, e.g. <c>$.valid_until</c>.</param>
/// <param name="Message">What is wrong, citing the clause that requires it.</param>
public sealed record StixValidationError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
