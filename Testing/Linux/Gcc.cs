namespace Testing.Linux;

/// <summary>Compiles a test's C program with gcc (scripts/setup.sh installs it).</summary>
public static class Gcc
{
    /// <summary>Compiles <paramref name="source"/> into <paramref name="output"/> with extra flags.</summary>
    /// <exception cref="InvalidOperationException">gcc is missing or the compile failed (its messages included).</exception>
    public static string Compile(string source, string output, params string[] flags)
    {
        if (!File.Exists(source))
        {
            throw new InvalidOperationException($"No C source {source}.");
        }

        var r = Command.Run("gcc", [.. flags, "-o", output, source], timeoutSeconds: 120);
        return r.ExitCode == 0 ? output : throw new InvalidOperationException($"gcc could not compile {source}: {r}");
    }
}
