using System.Net;

namespace Cti.Taxii;

/// <summary>
/// A TAXII request that failed for good: the server refused it (with its TAXII error message when
/// it sent one), answered with something that is not TAXII, or stayed unreachable through every
/// attempt of the retry policy.
/// </summary>
public sealed class TaxiiClientException : CtiException
{
    public TaxiiClientException(string message, HttpStatusCode? statusCode = null, TaxiiError? error = null)
        : base(message)
    {
        StatusCode = statusCode;
        Error = error;
    }

    public TaxiiClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status of the last answer, if there was one.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The TAXII error message the server sent, if any.</summary>
    public TaxiiError? Error { get; }
}
