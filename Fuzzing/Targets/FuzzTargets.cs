namespace Fuzzing.Targets;

/// <summary>The targets by name.</summary>
public static class FuzzTargets
{
    /// <summary>The names, in the order scripts/fuzz.sh and the replay tests list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["receive", "pcap", "partition", "taxii", "pki"];

    /// <summary>The folder the fixtures are read from (copied beside the assembly).</summary>
    public static string FixtureDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>Creates a target, its fixtures loaded from <paramref name="fixtures"/> (default <see cref="FixtureDirectory"/>).</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static IFuzzTarget Create(string name, string? fixtures = null)
    {
        fixtures ??= FixtureDirectory;
        return name switch
        {
            "receive" => new ReceiveTarget(fixtures),
            "pcap" => new PcapTarget(),
            "partition" => new PartitionTarget(),
            "taxii" => new TaxiiTarget(),
            "pki" => new PkiTarget(fixtures),
            _ => throw new ArgumentException($"unknown fuzz target '{name}' (one of: {string.Join(", ", Names)})", nameof(name)),
        };
    }
}
