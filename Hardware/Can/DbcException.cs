namespace Hardware.Can;

/// <summary>A DBC file line the subset parser cannot read, with its line number.</summary>
public sealed class DbcException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DbcException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public DbcException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DbcException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception for a line.</summary>
    public DbcException(int line, string message)
        : base($"DBC line {line}: {message}")
    {
        Line = line;
    }

    /// <summary>The 1-based line number, 0 when not about one line.</summary>
    public int Line { get; }
}
