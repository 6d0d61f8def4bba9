namespace Cti;

/// <summary>
/// Base of the typed errors the Cti library raises for data from outside (a STIX object from a
/// peer, an indicator pattern, a TAXII server's answer). Callers catch this type and nothing else:
/// any other exception escaping the library for outside input is a bug in the library.
/// </summary>
public abstract class CtiException : Exception
{
    protected CtiException(string message)
        : base(message)
    {
    }

    protected CtiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
