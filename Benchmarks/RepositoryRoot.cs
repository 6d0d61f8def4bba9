namespace Benchmarks;

/// <summary>The repository the benchmarks run from (the folder holding nanoFramework.sln above the build output).</summary>
internal static class RepositoryRoot
{
    /// <summary>The repository's root folder; throws when the benchmarks do not run from its build.</summary>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "nanoFramework.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("nanoFramework.sln not found above " + AppContext.BaseDirectory + ": run the benchmarks from the repository's build.");
    }
}
