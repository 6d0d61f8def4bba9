namespace V2x.Security.Encryption;

/// <summary>
/// The typed error of well-formed encrypted data that cannot be decrypted; <see cref="Failure"/> says why.
/// Malformed encodings raise <see cref="DecodeException"/> instead.
/// </summary>
public sealed class DecryptionException : V2xException
{
    public DecryptionException(DecryptionFailure failure, string detail)
        : base($"{failure}: {detail}")
    {
        Failure = failure;
    }

    public DecryptionFailure Failure { get; }
}
