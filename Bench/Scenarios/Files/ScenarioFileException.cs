namespace Bench.Scenarios.Files;

/// <summary>
/// A scenario file that cannot be run: every problem found, each typed with its JSON path. The bench's CLI prints them
/// and exits 2 (<see cref="CommandLine.ExitCodes.Usage"/>).
/// </summary>
public sealed class ScenarioFileException : Exception
{
    /// <summary>A file with the given problems (at least one).</summary>
    public ScenarioFileException(string file, IReadOnlyList<ScenarioError> errors)
        : base(Describe(file, errors))
    {
        File = file;
        Errors = errors;
    }

    /// <summary>Not used: a scenario error always names its problems.</summary>
    public ScenarioFileException()
        : this("", [new ScenarioError("$", ScenarioErrorKind.Unreadable, "no scenario file")])
    {
    }

    /// <summary>Not used: a scenario error always names its problems.</summary>
    public ScenarioFileException(string message)
        : this("", [new ScenarioError("$", ScenarioErrorKind.Unreadable, message)])
    {
    }

    /// <summary>Not used: a scenario error always names its problems.</summary>
    public ScenarioFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "";
        Errors = [new ScenarioError("$", ScenarioErrorKind.Unreadable, message)];
    }

    /// <summary>The scenario file.</summary>
    public string File { get; }

    /// <summary>Every problem found, in file order (at least one).</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    private static string Describe(string file, IReadOnlyList<ScenarioError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A scenario error names at least one problem.", nameof(errors));
        }

        return errors.Count == 1
            ? $"scenario file {file}: {errors[0]}"
            : $"scenario file {file}: {errors.Count} problems:\n  " + string.Join("\n  ", errors);
    }
}
