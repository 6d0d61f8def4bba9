using Bench.Cli;
using Bench.Misbehaviour;
using PkiProtocol.Misbehaviour;

namespace Bench.Tests.Misbehaviour;

/// <summary>The misbehaviour evaluation (<c>Bench misbehaviour</c>; Docs/misbehaviour.md, "Evaluation"): labelled traffic through the product's detection.</summary>
public sealed class EvaluationTests
{
    [Fact]
    public void Genuine_traffic_alone_braking_tunnel_exits_pseudonym_changes_and_lanes_side_by_side_is_never_reported()
    {
        var options = new EvaluationOptions { Duration = TimeSpan.FromSeconds(30), Genuine = 30, AttackersPerClass = 0, Receivers = 4 };
        var figures = EvaluationRun.Run(EvaluationTraffic.Generate(options), options);
        Assert.True(figures.GenuineTickets > 30, "the pseudonym changes give new tickets");
        Assert.Equal(0, figures.GenuineReported);
        Assert.All(figures.Rows, r => Assert.Equal(0, r.OnAttackers + r.OnGenuine));
    }

    [Fact]
    public void Every_attack_class_is_found_and_only_the_ghost_class_ever_names_a_genuine_vehicle()
    {
        var options = new EvaluationOptions { Duration = TimeSpan.FromSeconds(30), Genuine = 20, AttackersPerClass = 1, Receivers = 4, Seed = 3 };
        var figures = EvaluationRun.Run(EvaluationTraffic.Generate(options), options);
        Assert.Equal(Enum.GetValues<MbrObservation>(), figures.Rows.Select(r => r.Class));
        Assert.All(figures.Rows, r => Assert.True(r.PairsHeard == 0 || r.PairsDetected > 0, $"{r.Class}: {r.PairsDetected} of {r.PairsHeard}"));
        Assert.Contains(figures.Rows, r => r.PairsHeard > 0);

        // Kinematic, beacon and DENM classes compare a ticket with its own messages: a genuine vehicle is never named.
        // Two senders at one place blames the ticket heard later by that receiver (Docs/misbehaviour.md, "Evaluation").
        Assert.All(figures.Rows.Where(r => r.Class != MbrObservation.TwoSendersOnePlace), r => Assert.Equal(0, r.OnGenuine));
        Assert.Contains("precision", figures.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_gives_the_same_figures()
    {
        var options = new EvaluationOptions { Duration = TimeSpan.FromSeconds(20), Genuine = 10, AttackersPerClass = 1, Receivers = 2, Seed = 9 };
        Assert.Equal(EvaluationRun.Run(EvaluationTraffic.Generate(options), options).ToText(), EvaluationRun.Run(EvaluationTraffic.Generate(options), options).ToText());
    }

    public static TheoryData<string, string[]> BadArguments => new()
    {
        { "unknown option", ["misbehaviour", "--obus", "3"] },
        { "no value", ["misbehaviour", "--seed"] },
        { "not a number", ["misbehaviour", "--genuine", "many"] },
        { "too short", ["misbehaviour", "--duration", "5"] },
        { "no receivers", ["misbehaviour", "--receivers", "0"] },
        { "revocation neither yes nor no", ["misbehaviour", "--revocation", "maybe"] },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Bad_arguments_exit_2_with_the_usage(string name, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(2, await BenchCli.RunAsync(args, _ => null, output, error, terminal: false, CancellationToken.None));
        Assert.Contains("(see Bench misbehaviour --help)", error.ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public async Task The_command_prints_a_row_per_class()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BenchCli.RunAsync(["misbehaviour", "--duration", "20", "--genuine", "5", "--receivers", "2", "--revocation", "no"], _ => null, output, error,
            terminal: false, CancellationToken.None);
        Assert.Equal(0, code);
        Assert.All(Enum.GetNames<MbrObservation>(), n => Assert.Contains(n, output.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain("revoked at MA", output.ToString(), StringComparison.Ordinal);
    }
}
