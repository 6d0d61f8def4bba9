namespace CommandLine;

/// <summary>The exit codes every executable of the product returns (README.md, "Command lines").</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and failed or refused (the message on standard error says why).</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: an unknown command or option, a missing or bad value.</summary>
    public const int Usage = 2;
}
