namespace V2x;

/// <summary>
/// Base of the typed errors the V2x library raises for data from outside: <see cref="DecodeException"/>
/// for malformed encodings and the verification error for well-formed data that fails a check.
/// </summary>
public abstract class V2xException : Exception
{
    protected V2xException(string message)
        : base(message)
    {
    }

    protected V2xException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
