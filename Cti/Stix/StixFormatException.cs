namespace Cti.Stix;

/// <summary>
/// Raised when text from outside is not well-formed STIX 2.1: not JSON, not a JSON object, a
/// malformed identifier or timestamp. Semantic problems with a well-formed object are reported by
/// <see cref="Validation.StixValidator"/> as a list instead.
/// </summary>
public sealed class StixFormatException : CtiException
{
    public StixFormatException(string message)
        : base(message)
    {
    }

    public StixFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
