namespace Pki.Cli;

/// <summary>A command line the CLI cannot read: exit code 2 and the usage text.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
