using Fuzzing.Targets;

namespace Fuzzing.Tests;

/// <summary>
/// CI's share of the fuzzing (Docs/fuzzing.md): every committed input of every target (Fuzzing/Corpora/&lt;target&gt;:
/// the afl-cmin-minimised queue of the last afl++ run, and the reproducers of its findings) runs through the same
/// entry code afl ran, in process. Each must end in a typed outcome (no exception out of the target) within
/// <see cref="PerInput"/>, guarded by a wait with a time-out, so a hang fails the row instead of stalling CI.
/// </summary>
public sealed class CorpusReplayTests
{
    /// <summary>The bound per input: afl's own hang limit is 5 s; this leaves room for a first input's JIT and setup on a loaded CI machine.</summary>
    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Targets => new(FuzzTargets.Names);

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Every_committed_input_ends_in_a_typed_outcome_within_the_bound(string name)
    {
        var corpus = Path.Combine(AppContext.BaseDirectory, "Corpora", name);
        Assert.True(Directory.Exists(corpus), $"no corpus for {name} at {corpus}");
        var files = Directory.GetFiles(corpus).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var target = FuzzTargets.Create(name);
        try
        {
            foreach (var file in files)
            {
                var input = File.ReadAllBytes(file);
                string outcome;
                try
                {
                    outcome = await Task.Run(() => target.Run(input)).WaitAsync(PerInput);
                }
                catch (TimeoutException)
                {
                    Assert.Fail($"{name}/{Path.GetFileName(file)} did not finish within {PerInput} (a hang)");
                    throw;
                }

                Assert.False(string.IsNullOrEmpty(outcome), $"{name}/{Path.GetFileName(file)} ended without an outcome");
            }
        }
        finally
        {
            (target as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void Every_target_has_a_committed_corpus_folder_and_no_other_folder_is_there()
    {
        var folders = Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "Corpora")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(FuzzTargets.Names.Order(StringComparer.Ordinal), folders);
    }
}
