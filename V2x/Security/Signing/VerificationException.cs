namespace V2x.Security.Signing;

/// <summary>
/// The typed error of a well-formed SPDU or certificate that fails verification; <see cref="Failure"/>
/// says why. Together with <see cref="DecodeException"/> it is all a receiver needs to catch.
/// </summary>
public sealed class VerificationException : V2xException
{
    public VerificationException(VerificationFailure failure, string detail)
        : base($"{failure}: {detail}")
    {
        Failure = failure;
    }

    public VerificationFailure Failure { get; }
}
