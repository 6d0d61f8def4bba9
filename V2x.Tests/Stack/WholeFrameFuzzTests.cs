using Testing.Fuzz;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Stack;
using V2x.Tests.Security;

namespace V2x.Tests.Stack;

/// <summary>
/// 100 000 mutated whole frames (bit flips, truncations, inflated lengths, insertions, deletions; the
/// seeded <see cref="Mutator"/>) through <see cref="FrameParser.Parse"/>: each ends in a parsed frame or in
/// the typed decode / verify error, nothing else is thrown, the run finishes, the work per frame stays
/// bounded and so does memory.
/// </summary>
[Collection(MemoryBoundCollection.Name)]
public sealed class WholeFrameFuzzTests
{
    private const int Iterations = 100_000;

    /// <summary>Most a single frame may allocate while being parsed (a frame is at most ~450 octets).</summary>
    private const long MaxBytesPerFrame = 64 * 1024;

    [Fact]
    public void Mutated_frames_end_in_a_parsed_frame_or_a_typed_error()
    {
        byte[][] seeds =
        [
            .. StackCases.Signed.Select(c => c.Build()),
            Hex.Parse("ffffffffffff000000000000" + "8947" + "12001a01" + Security.ExternalVectors.VwGolfCam),
            FrameBuilder.BuildUnsecured(StackCases.Denm()),
        ];
        // One-time static set-up (BouncyCastle curve tables) is not per-frame work: do it before measuring.
        foreach (var algorithm in Enum.GetValues<SignatureAlgorithm>())
        {
            VerificationKey.Import(TestPki.NewKey(algorithm).PublicKey).Dispose();
        }

        using var cache = new VerificationKeyCache(capacity: 64);
        var verifier = StackCases.WarmVerifier(cache);
        var mutator = new Mutator(seed: 26364);
        var outcomes = new Dictionary<string, int>();
        var current = -1;
        string? failure = null;
        long worstAllocation = 0;

        var worker = new Thread(() =>
        {
            for (var i = 0; i < Iterations && failure is null; i++)
            {
                Volatile.Write(ref current, i);
                var input = mutator.Mutate(seeds[i % seeds.Length]);
                var before = GC.GetAllocatedBytesForCurrentThread();
                string outcome;
                try
                {
                    outcome = FrameParser.Parse(input, verifier).IsSecured ? "parsed" : "parsed unsecured";
                }
                catch (DecodeException)
                {
                    outcome = "decode error";
                }
                catch (VerificationException e)
                {
                    outcome = e.Failure.ToString();
                }
                catch (Exception e)
                {
                    failure = $"iteration {i} (seed {mutator.Seed}, {string.Join('+', mutator.LastMutations)}): {e.GetType().Name}: {e.Message}\n{Hex.Of(input)}";
                    return;
                }

                worstAllocation = Math.Max(worstAllocation, GC.GetAllocatedBytesForCurrentThread() - before);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        });

        GC.Collect();
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        worker.Start();

        // A watchdog, not a speed target: a decoder stuck in a loop shows as this timeout with the iteration it is on.
        Assert.True(worker.Join(TimeSpan.FromMinutes(3)), $"no progress: iteration {Volatile.Read(ref current)} did not finish");
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);

        Assert.True(failure is null, failure);
        var summary = string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"));
        Assert.Equal(Iterations, outcomes.Values.Sum());
        Assert.True(worstAllocation < MaxBytesPerFrame, $"a frame allocated {worstAllocation} bytes; {summary}");
        Assert.True(memoryAfter - memoryBefore < 16 * 1024 * 1024, $"managed memory grew by {memoryAfter - memoryBefore} bytes");
        Assert.True(cache.Count <= cache.Capacity);

        // The mutations reach every layer: decode errors, each verification outcome, and frames that still parse.
        Assert.True(outcomes.GetValueOrDefault("decode error") > Iterations / 10, summary);
        Assert.True(outcomes.GetValueOrDefault(nameof(VerificationFailure.BadSignature)) > Iterations / 20, summary);
        Assert.True(outcomes.GetValueOrDefault("parsed") > 0, summary);
        Assert.True(outcomes.GetValueOrDefault(nameof(VerificationFailure.NotSigned)) > 0, summary);
    }
}
