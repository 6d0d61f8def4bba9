using System.Text.Json.Nodes;
using Community.Admin;
using Community.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Testing;

namespace Community.Tests.Admin;

/// <summary>The command line performs the admin operations on the store named by --db.</summary>
public abstract class HubCliTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(Infrastructure.Stix.T0);
    private IStoreProvider? _provider;

    protected abstract IStoreProvider CreateProvider();

    protected abstract string[] StoreArguments(IStoreProvider provider);

    public Task InitializeAsync()
    {
        _provider = CreateProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _provider!.DisposeAsync();

    private async Task<(int Code, string Out, string Err)> RunAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        var code = await HubCli.RunAsync([.. args, .. StoreArguments(_provider!)], input, output, error, _time, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Administers_the_community_end_to_end()
    {
        var org = await RunAsync("", "org", "set", "--id", "acme", "--name", "Acme Motors", "--roles", "automaker,supplier", "--makes", "Acme", "--reputation", "0.7");
        Assert.Equal(0, org.Code);
        Assert.Equal(["automaker", "supplier"], JsonNode.Parse(org.Out)!["roles"]!.AsArray().Select(r => (string)r!));

        Assert.Equal(0, (await RunAsync("acme-secret-passphrase\n", "credential", "set", "--org", "acme", "--user", "acme-obu", "--password-stdin")).Code);
        var collection = await RunAsync("", "collection", "set", "--title", "Telematics", "--desensitisation", "scrub", "--retention-days", "90");
        Assert.Equal(0, collection.Code);
        var id = (string)JsonNode.Parse(collection.Out)!["id"]!;

        Assert.Equal(0, (await RunAsync("", "join", "request", "--org", "acme", "--collection", id, "--read", "--write", "true")).Code);
        var pending = await RunAsync("", "join", "pending");
        Assert.Single(JsonNode.Parse(pending.Out)!.AsArray());
        var approved = await RunAsync("", "join", "approve", "--org", "acme", "--collection", id);
        Assert.Equal("approved", (string)JsonNode.Parse(approved.Out)!["state"]!);
        Assert.True((bool)JsonNode.Parse(approved.Out)!["can_write"]!);

        Assert.Equal(0, (await RunAsync("", "rule", "add", "--field", "detector", "--value", "bench-noise", "--reason", "bench only")).Code);
        Assert.Single(JsonNode.Parse((await RunAsync("", "rule", "list")).Out)!.AsArray());
        Assert.Contains("x1371:update-procedures", (await RunAsync("", "routing", "show")).Out, StringComparison.Ordinal);
        Assert.Equal(0, (int)JsonNode.Parse((await RunAsync("", "retention", "run")).Out)!["erased_versions"]!);
        var audit = await RunAsync("", "audit");
        Assert.Contains("join-request", audit.Out, StringComparison.Ordinal);
        Assert.Contains("join-approve", audit.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("", "join", "leave", "--org", "acme", "--collection", id)).Code);
    }

    public static TheoryData<string, string[], int, string> CommandLineRows => new()
    {
        { "--help lists the commands", ["--help"], 0, "collection" },
        { "a group's --help lists its commands", ["join", "--help"], 0, "approve" },
        { "unknown option", ["org", "list", "--colour", "red"], 2, "Unrecognized command or argument '--colour'" },
        { "missing required option", ["org", "set", "--id", "acme"], 2, "Option '--name' is required" },
        { "number out of range", ["org", "reputation", "--id", "acme", "--value", "2"], 2, "--value takes a number 0..1, not '2'" },
        { "not a whole number", ["audit", "--limit", "many"], 2, "--limit takes a whole number 1..100000, not 'many'" },
        { "bad boolean", ["join", "request", "--org", "a", "--collection", "c", "--read", "maybe"], 2, "Unrecognized command or argument 'maybe'" },
        { "bad choice", ["collection", "set", "--title", "T", "--signatures", "sometimes"], 2, "sometimes" },
        { "serve without a transport", ["serve"], 2, "--urls http://127.0.0.1:PORT" },
        { "refused at run time", ["org", "reputation", "--id", "ghost", "--value", "0.5"], 1, "Community org reputation:" },
        { "success", ["org", "list"], 0, "[" },
    };

    [Theory]
    [MemberData(nameof(CommandLineRows))]
    public async Task Command_line_is_read_by_system_commandline(string name, string[] args, int code, string message)
    {
        var (actual, output, error) = await RunAsync("", args);
        Assert.True(code == actual, $"{name}: exit {actual}, out {output}, err {error}");
        Assert.True((code == 0 ? output : error).Contains(message, StringComparison.Ordinal), $"{name}: {output} {error}");
    }

    [Theory]
    [InlineData("no command", 2, new string[0])]
    [InlineData("unknown command", 2, new[] { "fly", "away" })]
    [InlineData("missing option", 2, new[] { "org", "set", "--id", "acme" })]
    [InlineData("repeated option", 2, new[] { "org", "list", "--x", "1", "--x", "2" })]
    [InlineData("unknown organisation", 1, new[] { "org", "reputation", "--id", "ghost", "--value", "0.5" })]
    [InlineData("bad role", 1, new[] { "org", "set", "--id", "acme", "--name", "A", "--roles", "pirate" })]
    public async Task Refuses_bad_commands_with_an_exit_code_and_a_message(string name, int code, string[] args)
    {
        var (actual, output, error) = await RunAsync("", args);
        Assert.True(code == actual, $"{name}: exit {actual}, out {output}, err {error}");
        Assert.False(string.IsNullOrWhiteSpace(output + error));
    }
}

public sealed class HubCliTestsOnSqlite : HubCliTests
{
    protected override IStoreProvider CreateProvider() => new SqliteStoreProvider();

    protected override string[] StoreArguments(IStoreProvider provider) => ["--db", ((SqliteStoreProvider)provider).ConnectionString];
}

public sealed class HubCliTestsOnPostgres : HubCliTests
{
    protected override IStoreProvider CreateProvider() => new PostgresStoreProvider();

    protected override string[] StoreArguments(IStoreProvider provider) => ["--db", TestInfra.PostgresConnectionString, "--schema", ((PostgresStoreProvider)provider).Schema];
}
