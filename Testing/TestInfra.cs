namespace Testing;

/// <summary>
/// Locates the machine infrastructure the tests use for real (tshark, the SoftHSM2 PKCS#11
/// token, PostgreSQL). scripts/setup.sh installs and starts them and writes .state/env;
/// scripts/test.sh exports it. A test that needs a missing piece fails with a message that says
/// how to get it, rather than passing silently.
/// </summary>
public static class TestInfra
{
    /// <summary>The repository root (the folder holding nanoFramework.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Path of the tshark executable.</summary>
    public static string Tshark => Require("V2X_TSHARK", "tshark");

    /// <summary>Path of the PKCS#11 module (libsofthsm2.so).</summary>
    public static string Pkcs11Library => Require("V2X_PKCS11_LIB", "the SoftHSM2 PKCS#11 module");

    /// <summary>Label of the bench token initialised by setup.sh.</summary>
    public static string TokenLabel => Require("V2X_TOKEN_LABEL", "the SoftHSM2 token label");

    /// <summary>User PIN of the bench token.</summary>
    public static string TokenPin => Require("V2X_TOKEN_PIN", "the SoftHSM2 token PIN");

    /// <summary>Npgsql connection string of the loopback PostgreSQL cluster.</summary>
    public static string PostgresConnectionString => Require("V2X_PG", "PostgreSQL");

    /// <summary>
    /// The main assembly of one of the solution's executables (for example "Firmware"), in that
    /// project's own build output, for tests that run it as a child process (`dotnet X.dll ...`).
    /// A copy in the test's bin folder is not runnable: the test project's dependency graph (for
    /// example ASP.NET's shared framework through Pki) replaces package assemblies the executable needs.
    /// </summary>
    public static string ProjectExecutable(string project)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var dll = Path.Combine(RepoRoot, project, "bin", configuration, framework, project + ".dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is not built: build the solution (or {project}/{project}.csproj) in {configuration} first.");
        }

        return dll;
    }

    /// <summary>
    /// A file of the external test vectors in <c>Testing/Vectors/SOURCE/</c> (each folder's README names where
    /// they come from).
    /// </summary>
    /// <exception cref="FileNotFoundException">No such vector.</exception>
    public static string Vector(string source, string file)
    {
        var path = Path.Combine(RepoRoot, "Testing", "Vectors", source, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"test vector {source}/{file} is not in Testing/Vectors", path);
    }

    /// <summary>A fresh, empty directory under the system temp folder, unique to the caller.</summary>
    public static string NewTempDirectory(string prefix = "v2x-test")
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Deletes a folder and what it holds; a folder already gone or still busy is left (clean-up at exit must not fail a run).</summary>
    public static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Require(string variable, string what)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"This test needs {what} ({variable} is not set). Run ./scripts/test.sh, or " +
                "./scripts/setup.sh --postgres && source .state/env before dotnet test.");
        }

        return value;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "nanoFramework.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("nanoFramework.sln not found above " + AppContext.BaseDirectory);
    }
}
