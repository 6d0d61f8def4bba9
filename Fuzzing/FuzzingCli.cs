using System.CommandLine;
using System.Diagnostics;
using CommandLine;
using Fuzzing.Targets;
using SharpFuzz;

namespace Fuzzing;

/// <summary>
/// The fuzzing harness's command line (Docs/fuzzing.md), on System.CommandLine with the product's conventions
/// (CommandLine/): <c>fuzz &lt;target&gt;</c> runs one target under afl-fuzz through SharpFuzz's fork server (scripts/fuzz.sh
/// starts it on the instrumented assemblies); <c>run &lt;target&gt; &lt;file|folder&gt;...</c> runs inputs once each and prints
/// how each ended (exit 1 on a finding); <c>seed &lt;target&gt; &lt;corpus&gt; [fixtures]</c> writes the seed corpus (and the
/// target's fixture) built with the project's own encoders; <c>list</c> prints the targets. Exit codes: 0 ok, 1 a
/// finding or a failed write, 2 usage (an unknown target among them).
/// </summary>
public static class FuzzingCli
{
    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        CliRunner.RunAsync("Fuzzing", Build(output), args, output, error, Classify, cancellationToken);

    /// <summary>The exit code of an exception at run time: 1 for a corpus or fixture that cannot be read or written.</summary>
    public static int? Classify(Exception e) => e is IOException or UnauthorizedAccessException ? ExitCodes.Failed : null;

    /// <summary>The command tree.</summary>
    public static RootCommand Build(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new RootCommand("Coverage-guided fuzzing of the parsers and servers that take input from outside (SharpFuzz and afl++; Fuzzing/README.md).")
        {
            Fuzz(),
            Run(output),
            Seed(output),
            List(output),
        };
    }

    private static Argument<string> Target()
    {
        var target = new Argument<string>("target") { Description = "the fuzz target: " + string.Join(", ", FuzzTargets.Names) };
        target.AcceptOnlyFromAmong([.. FuzzTargets.Names]);
        return target;
    }

    private static Command Fuzz()
    {
        var target = Target();
        var command = new Command("fuzz", "Run one target under afl-fuzz (SharpFuzz's fork server; scripts/fuzz.sh starts it).") { target };
        command.SetAction(p =>
        {
            var fuzzed = FuzzTargets.Create(p.GetRequiredValue(target));
            Fuzzer.Run(stream =>
            {
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                fuzzed.Run(buffer.ToArray());
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Run(TextWriter output)
    {
        var target = Target();
        var inputs = new Argument<string[]>("inputs") { Description = "input files, or folders whose files run in name order", Arity = ArgumentArity.OneOrMore };
        inputs.Validators.Add(r =>
        {
            foreach (var path in r.Tokens.Select(t => t.Value).Where(p => !File.Exists(p) && !Directory.Exists(p)))
            {
                r.AddError($"no such file or folder: {path}");
            }
        });
        var command = new Command("run", "Run inputs once each through a target and print how each ended (exit 1 on a finding).") { target, inputs };
        command.SetAction(p => RunFiles(FuzzTargets.Create(p.GetRequiredValue(target)), p.GetRequiredValue(inputs), output));
        return command;
    }

    private static Command Seed(TextWriter output)
    {
        var target = Target();
        var corpus = new Argument<string>("corpus") { Description = "the folder to write the seeds into (created if absent)" };
        var fixtures = new Argument<string?>("fixtures") { Description = "the fixture folder (default: the build's Fixtures)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("seed", "Write a target's seed corpus (and its fixture), built with the project's own encoders.") { target, corpus, fixtures };
        command.SetAction(p =>
        {
            var fixtureFolder = p.GetValue(fixtures) ?? FuzzTargets.FixtureDirectory;
            var corpusFolder = p.GetRequiredValue(corpus);
            Directory.CreateDirectory(corpusFolder);
            foreach (var seed in FuzzTargets.Create(p.GetRequiredValue(target), fixtureFolder).CreateSeeds(fixtureFolder))
            {
                File.WriteAllBytes(Path.Combine(corpusFolder, seed.Name), seed.Bytes);
                output.WriteLine($"{seed.Name}: {seed.Bytes.Length} octet(s)");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(TextWriter output)
    {
        var command = new Command("list", "Print the targets.");
        command.SetAction(_ =>
        {
            output.WriteLine(string.Join(Environment.NewLine, FuzzTargets.Names));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int RunFiles(IFuzzTarget target, string[] paths, TextWriter output)
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
                output.WriteLine($"{Path.GetFileName(file)}: {outcome} ({watch.Elapsed.TotalMilliseconds:F1} ms)");
            }
#pragma warning disable CA1031 // A finding of any type is reported, not thrown.
            catch (Exception e)
#pragma warning restore CA1031
            {
                findings++;
                var inner = e.InnerException ?? e;
                var frame = (inner.StackTrace ?? e.StackTrace ?? string.Empty).Split('\n').Select(l => l.Trim())
                    .FirstOrDefault(l => !l.StartsWith("at System.", StringComparison.Ordinal) && !l.StartsWith("at Microsoft.", StringComparison.Ordinal), "");
                output.WriteLine($"{Path.GetFileName(file)}: FINDING {e.GetType().Name}: {e.Message} | {inner.GetType().Name} {frame}");
            }
        }

        return findings == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
