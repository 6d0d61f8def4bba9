namespace PkiProtocol;

/// <summary>
/// The one typed error of the PKI for bad input from outside (a request, a response, a report, a CRL):
/// <see cref="Failure"/> says what was wrong, the message names the field or check. Caller mistakes at the
/// public API raise <see cref="ArgumentException"/> instead.
/// </summary>
public sealed class PkiException : Exception
{
    public PkiException(PkiFailure failure, string message)
        : base($"{failure}: {message}")
    {
        Failure = failure;
        Detail = message;
    }

    public PkiException(PkiFailure failure, string message, Exception inner)
        : base($"{failure}: {message}", inner)
    {
        Failure = failure;
        Detail = message;
    }

    public PkiFailure Failure { get; }

    /// <summary>What was wrong, without the failure name.</summary>
    public string Detail { get; }
}
