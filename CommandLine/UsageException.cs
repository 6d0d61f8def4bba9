namespace CommandLine;

/// <summary>
/// A command line that parses but cannot be used (options that exclude each other, a setting from a configuration
/// file that is missing): exit code <see cref="ExitCodes.Usage"/> and the message.
/// </summary>
public sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
