using PostureServer.Cli;

namespace PostureServer.Tests.Cli;

/// <summary>The PostureServer command line (System.CommandLine): exit codes 0 done, 1 refused, 2 usage.</summary>
public sealed class PostureCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("posture-cli-").FullName;

    public static TheoryData<string, string[], int, string> Rows => new()
    {
        { "--help lists the commands", ["--help"], 0, "add-weakness" },
        { "success", ["score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"], 0, "base 9.8" },
        { "init", ["init", "{dir}/state"], 0, "signing key" },
        { "unknown option", ["show", "{dir}/state", "--colour", "red"], 2, "Unrecognized command or argument '--colour'" },
        { "missing required option", ["add-component", "{dir}/state", "--name", "app", "--id", "pkg:generic/app", "--role", "application"], 2,
            "Option '--latest' is required" },
        { "bad choice", ["add-component", "{dir}/state", "--name", "app", "--id", "pkg:generic/app", "--role", "pope", "--latest", "1.0"], 2, "pope" },
        { "port out of range", ["serve", "{dir}/state", "--oem-dir", "{dir}", "--pki", "http://127.0.0.1:1/", "--root", "{dir}/missing.cert",
            "--port", "70000"], 2, "--port takes a whole number 0..65535, not '70000'" },
        { "file that is not there", ["import", "{dir}/state", "--file", "{dir}/none.json"], 2, "none.json" },
        { "a bad vector at run time", ["score", "CVSS:3.1/AV:Q"], 1, "PostureServer score:" },
        { "no state at run time", ["show", "{dir}/nothing"], 1, "PostureServer show:" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Command_line_rows(string name, string[] args, int code, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var result = await PostureCli.RunAsync([.. args.Select(a => a.Replace("{dir}", _dir, StringComparison.Ordinal))], output, error, TimeProvider.System);
        Assert.True(code == result, $"{name}: exit {result} {error}");
        Assert.True((code == 0 ? output.ToString() : error.ToString()).Contains(message, StringComparison.Ordinal), $"{name}: {output} {error}");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
