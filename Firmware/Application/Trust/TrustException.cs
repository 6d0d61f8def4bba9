namespace Firmware.Application.Trust;

/// <summary>A certificate from outside (a frame, the PKI) that this receiver does not trust; <see cref="Failure"/> says why.</summary>
public sealed class TrustException : Exception
{
    /// <summary>Creates the error.</summary>
    public TrustException(TrustFailure failure, string message, Exception? inner = null)
        : base($"{failure}: {message}", inner)
    {
        Failure = failure;
    }

    /// <summary>Why.</summary>
    public TrustFailure Failure { get; }
}
