using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Pki.Authorities;
using Pki.Cli;
using PkiProtocol.Tls;
using PkiProtocol.Trust;
using Testing;
using V2x.Security.Certificates;
using V2x.Time;

namespace Pki.Tests.Cli;

/// <summary>The Pki command line, run in process with a hand-driven clock.</summary>
public sealed partial class CliTests : IDisposable
{
    private readonly string _dir = TestInfra.NewTempDirectory("pki-cli");
    private readonly FakeTimeProvider _clock = new(TestBench.Start);

    private string Folder => Path.Combine(_dir, "pki");

    [Fact]
    public async Task Bench_lifecycle_from_the_command_line()
    {
        Assert.Equal(0, (await Run("init", Folder, "--name", "demo", "--country", "250")).Code);
        var key = PublicKeyOf((await Run("keygen", "--out", Path.Combine(_dir, "obu.key"))).Output);
        Assert.Equal(0, (await Run("register-station", Folder, "--id", "obu-1", "--key", key, "--vendor", "Acme", "--product", "OBU-7",
            "--idf-vendor", "Acme", "--idf-product", "Guard", "--idf-version", "2.0", "--assurance", "3")).Code);
        var ambulanceKey = PublicKeyOf((await Run("keygen", "--out", Path.Combine(_dir, "ambulance.key"))).Output);
        Assert.Equal(0, (await Run("register-station", Folder, "--id", "ambulance-1", "--key", ambulanceKey, "--vendor", "Acme", "--product", "OBU-7",
            "--idf-vendor", "Acme", "--idf-product", "Guard", "--idf-version", "2.0", "--station-type", "specialVehicles", "--role", "emergency")).Code);
        Assert.Contains("ambulance-1  Acme OBU-7  SpecialVehicles Emergency", (await Run("show", Folder, "stations")).Output, StringComparison.Ordinal);
        var assess = await Run("assess", Folder, "--idf-vendor", "Acme", "--idf-product", "Guard", "--versions", "1.0..2.9", "--level", "5", "--evidence", "AR-17");
        Assert.Contains("assessment 1:", assess.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await Run("lower-assessment", Folder, "--serial", "1", "--level", "3", "--reason", "finding F-2")).Code);
        Assert.Contains("level 3  Lowered", (await Run("show", Folder, "assessments")).Output, StringComparison.Ordinal);

        var ecFile = Path.Combine(_dir, "ec.cert");
        Assert.Equal(0, (await Run("issue", Folder, "--station", "obu-1", "--key", key, "--out", ecFile)).Code);
        var ec = Certificate.Decode(await File.ReadAllBytesAsync(ecFile));

        Assert.Equal(0, (await Run("revoke", Folder, "--station", "obu-1", "--reason", "stolen")).Code);
        Assert.Contains("station obu-1 is revoked: stolen", (await Run("show", Folder, "stations")).Output, StringComparison.Ordinal);

        var crlFile = Path.Combine(_dir, "ea.crl");
        var crlRun = await Run("crl", Folder, "--ca", "ea", "--out", crlFile);
        Assert.Contains(ec.HashedId8.ToString(), crlRun.Output, StringComparison.Ordinal);
        using var pki = BenchPki.Open(Folder, _clock);
        Assert.Equal([ec.HashedId8], CrlMessages.Verify(await File.ReadAllBytesAsync(crlFile), pki.EaCertificate, Time64.Now(_clock)).Entries);
        Assert.Equal("demo", pki.Options.Name);
        Assert.Equal((ushort)250, pki.Options.Country);
    }

    [Fact]
    public async Task Implementation_revocation_and_withdrawal_from_the_command_line()
    {
        await Run("init", Folder, "--per-model-aa");
        var key = PublicKeyOf((await Run("keygen", "--out", Path.Combine(_dir, "k"))).Output);
        await Run("register-station", Folder, "--id", "obu-1", "--key", key, "--vendor", "Acme", "--product", "OBU-7",
            "--idf-vendor", "Acme", "--idf-product", "Guard", "--idf-version", "2.0");
        await Run("assess", Folder, "--idf-vendor", "Acme", "--idf-product", "Guard", "--versions", "2.0", "--level", "4");
        var before = (await Run("show", Folder, "authorities")).Output;

        var revoke = await Run("revoke", Folder, "--implementation", "Acme/Guard", "--versions", "2.0", "--reason", "bypass");
        Assert.Equal(0, revoke.Code);
        Assert.Contains("revoked and replaced", revoke.Output, StringComparison.Ordinal);
        Assert.Contains("1 assessment(s) withdrawn", revoke.Output, StringComparison.Ordinal);
        var after = (await Run("show", Folder, "authorities")).Output;
        Assert.Contains("REVOKED", after, StringComparison.Ordinal);
        Assert.DoesNotContain("REVOKED", before, StringComparison.Ordinal);
        Assert.Contains("Acme/Guard 2.0", (await Run("show", Folder, "compromises")).Output, StringComparison.Ordinal);
        Assert.Contains("runs Acme/Guard 2.0, found compromised", (await Run("show", Folder, "stations")).Output, StringComparison.Ordinal);
        Assert.Equal(1, (await Run("withdraw-assessment", Folder, "--serial", "1", "--reason", "again")).Code);
    }

    public static TheoryData<string, string[], int, string> RefusedRows => new()
    {
        { "no command", [], 2, "Required command was not provided" },
        { "unknown command", ["frob", "x"], 2, "Unrecognized command or argument 'frob'" },
        { "unknown option", ["show", "{pki}", "stations", "--colour", "red"], 2, "Unrecognized command or argument '--colour'" },
        { "missing key", ["register-station", "{pki}", "--id", "obu-2", "--vendor", "v", "--product", "p", "--idf-vendor", "a", "--idf-product", "b",
            "--idf-version", "1.0"], 2, "Option '--key' is required" },
        { "key not on the curve", ["register-station", "{pki}", "--id", "obu-2", "--key", "02" + new string('f', 64), "--vendor", "v", "--product", "p",
            "--idf-vendor", "a", "--idf-product", "b", "--idf-version", "1.0"], 1, "canonical key" },
        { "level out of range", ["assess", "{pki}", "--idf-vendor", "a", "--idf-product", "b", "--versions", "1.0", "--level", "8"], 2, "0..7" },
        { "empty version range", ["assess", "{pki}", "--idf-vendor", "a", "--idf-product", "b", "--versions", "2.0..1.0", "--level", "3"], 1, "empty" },
        { "lowering to a higher level", ["lower-assessment", "{pki}", "--serial", "1", "--level", "6", "--reason", "r"], 1, "only be lowered" },
        { "unknown serial", ["withdraw-assessment", "{pki}", "--serial", "9", "--reason", "r"], 1, "no assessment" },
        { "missing serial", ["lower-assessment", "{pki}", "--level", "1", "--reason", "r"], 2, "Option '--serial' is required" },
        { "missing level", ["assess", "{pki}", "--idf-vendor", "a", "--idf-product", "b", "--versions", "1.0"], 2, "Option '--level' is required" },
        { "show without what", ["show", "{pki}"], 2, "Required argument 'what' missing" },
        { "unknown station", ["revoke", "{pki}", "--station", "nobody", "--reason", "r"], 1, "no station" },
        { "two revocation targets", ["revoke", "{pki}", "--station", "obu-1", "--certificate", "0000000000000001", "--reason", "r"], 2, "exactly one" },
        { "not a digest", ["crl", "{pki}", "--ca", "xyz"], 2, "HashedId8" },
        { "no PKI there", ["show", "{none}", "stations"], 1, "holds no PKI" },
        { "init twice", ["init", "{pki}"], 1, "already holds" },
        { "unknown role", ["register-station", "{pki}", "--id", "obu-2", "--key", "{key2}", "--vendor", "v", "--product", "p",
            "--idf-vendor", "a", "--idf-product", "b", "--idf-version", "1.0", "--role", "pope"], 2, "--role is one of" },
        { "a passenger car registered as an emergency vehicle", ["register-station", "{pki}", "--id", "obu-2", "--key", "{key2}", "--vendor", "v",
            "--product", "p", "--idf-vendor", "a", "--idf-product", "b", "--idf-version", "1.0", "--role", "emergency"], 1, "not registered for station type" },
        { "duplicate station", ["register-station", "{pki}", "--id", "obu-1", "--key", "{key}", "--vendor", "v", "--product", "p",
            "--idf-vendor", "a", "--idf-product", "b", "--idf-version", "1.0"], 1, "already registered" },
    };

    [Theory]
    [MemberData(nameof(RefusedRows))]
    public async Task Refused_command_exits_non_zero_with_a_message_and_changes_nothing(string name, string[] args, int code, string message)
    {
        await Run("init", Folder);
        var key = PublicKeyOf((await Run("keygen", "--out", Path.Combine(_dir, "k"))).Output);
        await Run("register-station", Folder, "--id", "obu-1", "--key", key, "--vendor", "Acme", "--product", "OBU-7",
            "--idf-vendor", "Acme", "--idf-product", "Guard", "--idf-version", "2.0");
        await Run("assess", Folder, "--idf-vendor", "Acme", "--idf-product", "Guard", "--versions", "2.0", "--level", "4");
        var key2 = PublicKeyOf((await Run("keygen", "--out", Path.Combine(_dir, "k2"))).Output);
        var state = await State();

        var result = await Run([.. args.Select(a => a.Replace("{pki}", Folder, StringComparison.Ordinal)
            .Replace("{none}", Path.Combine(_dir, "none"), StringComparison.Ordinal).Replace("{key}", key, StringComparison.Ordinal)
            .Replace("{key2}", key2, StringComparison.Ordinal))]);
        Assert.True(code == result.Code, $"{name}: exit {result.Code} {result.Error}");
        Assert.True(result.Error.Contains(message, StringComparison.OrdinalIgnoreCase), $"{name}: {result.Error}");
        Assert.Equal(state, await State());
    }

    [Fact]
    public async Task Serve_binds_loopback_over_https_and_stops_on_cancellation()
    {
        await Run("init", Folder);
        using var ca = TlsAuthority.Create("cli test CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(2));
        using (var server = ca.IssueServer(["127.0.0.1", "localhost"], DateTimeOffset.UtcNow, TimeSpan.FromDays(1)))
        {
            TlsAuthority.WritePem(server, Path.Combine(_dir, "tls.crt"), Path.Combine(_dir, "tls.key"));
        }

        using var stop = new CancellationTokenSource();
        var output = new SignalWriter("serving");
        var serving = PkiCli.RunAsync(["serve", Folder, "--port", "0", "--tls-cert", Path.Combine(_dir, "tls.crt"), "--tls-key", Path.Combine(_dir, "tls.key")],
            output, TextWriter.Null, _clock, stop.Token);
        var line = await output.Seen.WaitAsync(TimeSpan.FromSeconds(30));
        var address = new Uri(UrlPattern().Match(line).Value);
        Assert.Equal("https", address.Scheme);
        Assert.Equal("127.0.0.1", address.Host);
        Assert.NotEqual(0, address.Port);

        using var http = new HttpClient(TlsTrust.CreateHandler(ca.Root)) { BaseAddress = address };
        Assert.Equal("ok", await http.GetStringAsync(new Uri("health", UriKind.Relative)));
        await stop.CancelAsync();
        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData("no transport chosen", new[] { "--port", "0" })]
    [InlineData("a certificate without its key", new[] { "--port", "0", "--tls-cert", "x.crt" })]
    [InlineData("both TLS and --http", new[] { "--port", "0", "--http", "--tls-cert", "x.crt", "--tls-key", "x.key" })]
    public async Task Serve_needs_tls_or_an_explicit_http(string name, string[] options)
    {
        await Run("init", Folder);
        var result = await Run(["serve", Folder, .. options]);
        Assert.True(result.Code == 2, $"{name}: exit {result.Code}");
        Assert.Contains("--http", result.Error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[], int, string> CommandLineRows => new()
    {
        { "--help lists the commands", ["--help"], 0, "register-station" },
        { "a command's --help lists its options", ["revoke", "--help"], 0, "--implementation" },
        { "port out of range", ["serve", "{pki}", "--http", "--port", "70000"], 2, "--port takes a whole number 0..65535, not '70000'" },
        { "port not a number", ["serve", "{pki}", "--http", "--port", "eighty"], 2, "--port takes a whole number 0..65535, not 'eighty'" },
        { "bad time", ["assess", "{pki}", "--idf-vendor", "a", "--idf-product", "b", "--versions", "1.0", "--level", "3", "--from", "yesterday"], 2,
            "--from is an ISO 8601 time" },
        { "missing TLS file", ["serve", "{pki}", "--tls-cert", "/nonexistent/x.crt", "--tls-key", "/nonexistent/x.key"], 2, "/nonexistent/x.crt" },
        { "unknown show", ["show", "{pki}", "everything"], 2, "everything" },
        { "success", ["show", "{pki}", "authorities"], 0, "root" },
    };

    [Theory]
    [MemberData(nameof(CommandLineRows))]
    public async Task Command_line_is_read_by_system_commandline(string name, string[] args, int code, string message)
    {
        await Run("init", Folder);
        var result = await Run([.. args.Select(a => a.Replace("{pki}", Folder, StringComparison.Ordinal))]);
        Assert.True(code == result.Code, $"{name}: exit {result.Code} {result.Error}");
        Assert.True((code == 0 ? result.Output : result.Error).Contains(message, StringComparison.Ordinal), $"{name}: {result.Output} {result.Error}");
    }

    private async Task<string> State()
    {
        var parts = new List<string>();
        foreach (var what in new[] { "authorities", "stations", "assessments", "compromises", "reports" })
        {
            parts.Add((await Run("show", Folder, what)).Output);
        }

        return string.Join("\n", parts);
    }

    private async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await PkiCli.RunAsync(args, output, error, _clock);
        return (code, output.ToString(), error.ToString());
    }

    private static string PublicKeyOf(string keygenOutput) => keygenOutput.Trim().Split(' ')[^1];

    [GeneratedRegex(@"https?://[0-9.]+:[0-9]+/")]
    private static partial Regex UrlPattern();

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private sealed class SignalWriter(string marker) : StringWriter
    {
        private readonly TaskCompletionSource<string> _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> Seen => _seen.Task;

        public override Task WriteLineAsync(string? value)
        {
            if (value is not null && value.Contains(marker, StringComparison.Ordinal))
            {
                _seen.TrySetResult(value);
            }

            return base.WriteLineAsync(value);
        }
    }
}
