namespace Bench.Tests.Attacks;

/// <summary>
/// The attack library's end-to-end runs (a whole bench each, with its real-time or paced clock): one at a time and
/// alongside no other test of this collection, so that the bench's own timing is not shared with another bench's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AttackRunCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "attack runs";
}
