namespace Bench.Tests.Multiprocess;

/// <summary>
/// The tests that run whole bench processes: alone, not beside the in-process demo runs of the other classes (two processes,
/// each with its PKI, hub and OBUs, already fill this 2-core machine; beside more, the hub's 5 s read at the end timed out).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiprocessCollection
{
    public const string Name = "bench processes";
}
