namespace Fuzzing.Targets;

/// <summary>
/// One fuzz target: a parser or server the project exposes to input from outside, driven by one input at a time.
/// <see cref="Run"/> returns normally for every input the component handles (accepted, or refused with its typed
/// error); anything else it throws, or an input that does not finish, is a finding (Docs/fuzzing.md).
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The name on the command line and the corpus folder (Fuzzing/Corpora/&lt;name&gt;).</summary>
    string Name { get; }

    /// <summary>Runs one input; returns a short label of how it ended (the typed outcome or error).</summary>
    string Run(byte[] input);

    /// <summary>The seed inputs, built with the project's own encoders; writes any fixture they need into <paramref name="fixtures"/>.</summary>
    IReadOnlyList<FuzzSeed> CreateSeeds(string fixtures);
}
