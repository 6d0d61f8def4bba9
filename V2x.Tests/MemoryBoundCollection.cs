namespace V2x.Tests;

/// <summary>
/// The fuzz tests that bound managed-memory growth with <see cref="GC.GetTotalMemory(bool)"/>, which
/// counts the whole process: they run in this collection, after the parallel ones and alone, so
/// another test's allocations cannot be taken for theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryBoundCollection
{
    public const string Name = "memory-bound fuzz";
}
