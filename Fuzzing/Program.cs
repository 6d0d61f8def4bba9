using System.Diagnostics;
using Fuzzing.Targets;
using SharpFuzz;

namespace Fuzzing;

/// <summary>
/// The fuzzing harness (Docs/fuzzing.md): <c>fuzz &lt;target&gt;</c> runs one target under afl-fuzz through SharpFuzz's
/// fork server (scripts/fuzz.sh starts it on the instrumented assemblies); <c>run &lt;target&gt; &lt;file|folder&gt;...</c>
/// runs inputs once each and prints how each ended; <c>seed &lt;target&gt; &lt;corpus&gt; [fixtures]</c> writes the seed corpus
/// (and the target's fixture) built with the project's own encoders.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: Fuzzing fuzz <target>                        run under afl-fuzz (scripts/fuzz.sh)
               Fuzzing run <target> <file|folder>...         run inputs once each, print the outcome
               Fuzzing seed <target> <corpus> [fixtures]     write the seed corpus (and fixture)
               Fuzzing list                                  the targets
        """;

    private static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "list")
        {
            Console.WriteLine(string.Join(Environment.NewLine, FuzzTargets.Names));
            return 0;
        }

        if (args.Length < 2 || !FuzzTargets.Names.Contains(args[1]))
        {
            Console.Error.WriteLine(Usage);
            Console.Error.WriteLine($"targets: {string.Join(", ", FuzzTargets.Names)}");
            return 2;
        }

        switch (args[0])
        {
            case "fuzz" when args.Length == 2:
                var target = FuzzTargets.Create(args[1]);
                Fuzzer.Run(stream =>
                {
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    target.Run(buffer.ToArray());
                });
                return 0;
            case "run" when args.Length >= 3:
                return RunFiles(FuzzTargets.Create(args[1]), args[2..]);
            case "seed" when args.Length is 3 or 4:
                var fixtures = args.Length == 4 ? args[3] : FuzzTargets.FixtureDirectory;
                Directory.CreateDirectory(args[2]);
                foreach (var seed in FuzzTargets.Create(args[1], fixtures).CreateSeeds(fixtures))
                {
                    File.WriteAllBytes(Path.Combine(args[2], seed.Name), seed.Bytes);
                    Console.WriteLine($"{seed.Name}: {seed.Bytes.Length} octet(s)");
                }

                return 0;
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static int RunFiles(IFuzzTarget target, string[] paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]);
        // Every file runs, also after a finding (triage): a finding prints its exception and the first frame in the
        // product, and the exit code is 1.
        var findings = 0;
        foreach (var file in files)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var outcome = target.Run(File.ReadAllBytes(file));
                Console.WriteLine($"{Path.GetFileName(file)}: {outcome} ({watch.Elapsed.TotalMilliseconds:F1} ms)");
            }
#pragma warning disable CA1031 // A finding of any type is reported, not thrown.
            catch (Exception e)
#pragma warning restore CA1031
            {
                findings++;
                var inner = e.InnerException ?? e;
                var frame = (inner.StackTrace ?? e.StackTrace ?? string.Empty).Split('\n').Select(l => l.Trim())
                    .FirstOrDefault(l => !l.StartsWith("at System.", StringComparison.Ordinal) && !l.StartsWith("at Microsoft.", StringComparison.Ordinal), "");
                Console.WriteLine($"{Path.GetFileName(file)}: FINDING {e.GetType().Name}: {e.Message} | {inner.GetType().Name} {frame}");
            }
        }

        return findings == 0 ? 0 : 1;
    }
}
