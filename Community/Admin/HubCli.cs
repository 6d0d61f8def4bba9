using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CommandLine;
using Community.Hosting;
using Community.Storage;

namespace Community.Admin;

/// <summary>
/// The hub's command line (System.CommandLine; conventions in CommandLine/): <c>serve</c> runs the hub; the other
/// commands perform the admin API's operations directly on the store (the same <see cref="Membership.MembershipService"/>
/// code). The store is <c>--db</c> (or X1382_HUB_DB): a SQLite file or a PostgreSQL connection string. Exit codes:
/// 0 success, 1 refused, 2 usage. <c>Community --help</c> lists the commands.
/// </summary>
public static partial class HubCli
{
    /// <summary>Runs one command; returns the process exit code (0 success, 1 refused, 2 usage).</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(time);
        return CliRunner.RunAsync("Community", Build(input, output, time), args, output, error, Classify, cancellationToken);
    }

    /// <summary>The exit code of an exception at run time: 2 for a usage refusal of the membership rules, 1 for the rest.</summary>
    public static int? Classify(Exception e) => e switch
    {
        CommunityException c => c.Kind == CommunityErrorKind.Invalid && c.Message.StartsWith("usage", StringComparison.Ordinal) ? ExitCodes.Usage : ExitCodes.Failed,
        System.Data.Common.DbException or IOException or ArgumentException or V2x.V2xException => ExitCodes.Failed,
        _ => null,
    };

    /// <summary>The command tree: <paramref name="input"/> gives --password-stdin, <paramref name="output"/> receives the JSON answers.</summary>
    public static RootCommand Build(TextReader input, TextWriter output, TimeProvider time)
    {
        var store = new StoreOptions();
        var root = new RootCommand("The ITU-T X.1382 threat-sharing hub (TAXII 2.1 / STIX 2.1): serve it, or administer its community on the store.")
        {
            store.Db, store.Schema, store.ApiRoot, store.MaxContentLength,
        };
        root.Add(ServeCommand(store, output, time));
        foreach (var command in AdminCommands(store, input, output, time))
        {
            root.Add(command);
        }

        return root;
    }

    // The options every command takes (Recursive: before or after the command's words).
    private sealed class StoreOptions
    {
        public Option<string> Db { get; } = new("--db")
        {
            Description = "the store: a SQLite connection string or a PostgreSQL one (default: X1382_HUB_DB, else \"Data Source=hub.db\")",
            HelpName = "CONNECTION", Recursive = true,
        };

        public Option<string> Schema { get; } = new("--schema") { Description = "PostgreSQL: the schema", HelpName = "NAME", Recursive = true };

        public Option<string> ApiRoot { get; } = new("--api-root") { Description = "the TAXII API root's name (default hub)", HelpName = "NAME", Recursive = true };

        public Option<double> MaxContentLength { get; } = Recursive(CliOptions.Number("--max-content-length", 1, long.MaxValue, "the largest request body in bytes"));

        public async Task<HubServices> OpenAsync(ParseResult p, TimeProvider time, Authenticity.SubmissionVerifier? verifier, CancellationToken ct)
        {
            var db = p.GetValue(Db) ?? Environment.GetEnvironmentVariable("X1382_HUB_DB") ?? "Data Source=hub.db";
            var options = new HubOptions
            {
                ApiRootName = p.GetValue(ApiRoot) ?? "hub",
                MaxContentLengthBytes = !p.IsGiven(MaxContentLength) ? new HubOptions().MaxContentLengthBytes : (long)p.GetValue(MaxContentLength),
            };
            return await HubServices.CreateAsync(HubStoreFactory.Create(db, p.GetValue(Schema)), options, time, verifier, ct).ConfigureAwait(false);
        }

        private static Option<double> Recursive(Option<double> option)
        {
            option.Recursive = true;
            return option;
        }
    }

    private static Task WriteJsonAsync<T>(TextWriter output, T value, JsonTypeInfo<T> info) =>
        output.WriteLineAsync(JsonSerializer.Serialize(value, (JsonTypeInfo<T>)CommunityJsonContext.Wire.GetTypeInfo(typeof(T))!));

    private static CommunityException UsageError(string what) => new(CommunityErrorKind.Invalid, "usage: " + what + " (see Community --help)");

    private static Command ServeCommand(StoreOptions store, TextWriter output, TimeProvider time)
    {
        var certificate = CliOptions.ExistingFile("--tls-cert", "the hub's TLS certificate (PEM)");
        var key = CliOptions.ExistingFile("--tls-key", "its private key (PEM)");
        var urls = CliOptions.Text("--urls", "where to listen, comma-separated (default https://127.0.0.1:8443; plain HTTP only on loopback)", valueName: "URLS");
        var v2xRoot = CliOptions.ExistingFile("--v2x-root", "the V2X PKI's root certificate (COER): check the ticket signatures of anomaly summaries");
        var pki = CliOptions.Text("--pki", "with --v2x-root: the PKI service (CA certificates and CRLs)", valueName: "URL");
        var pkiTlsRoot = CliOptions.ExistingFile("--pki-tls-root", "the CA the PKI's TLS certificate chains to (PEM)");
        var noRetention = CliOptions.Flag("--no-retention", "do not run the retention loop");
        var command = new Command("serve", "Run the hub (TAXII 2.1 over HTTPS) until Ctrl-C or SIGTERM.") { certificate, key, urls, v2xRoot, pki, pkiTlsRoot, noRetention };
        command.Validators.Add(r =>
        {
            if (r.IsGiven(certificate) != r.IsGiven(key))
            {
                r.AddError("serve --tls-cert CERT.pem --tls-key KEY.pem (both).");
            }

            if (!r.IsGiven(certificate) && !r.IsGiven(urls))
            {
                r.AddError("serve --tls-cert/--tls-key for HTTPS, or --urls http://127.0.0.1:PORT for plain HTTP on loopback.");
            }

            if (r.IsGiven(v2xRoot) && !r.IsGiven(pki))
            {
                r.AddError("--v2x-root needs --pki URL (the PKI service: CA certificates and CRLs).");
            }
        });
        command.SetAction(async (p, ct) =>
        {
            // The V2X PKI the hub checks ticket signatures against: --v2x-root (COER root certificate, the trust anchor) and --pki
            // (the PKI service, HTTPS verified against --pki-tls-root when given).
            using var pkiHttp = V2xTrustFrom(p.GetValue(v2xRoot), p.GetValue(pki), p.GetValue(pkiTlsRoot), time, out var trust);
            using (trust)
            {
                var verifier = trust is null ? null : new Authenticity.SubmissionVerifier(trust, time);
                await using var services = await store.OpenAsync(p, time, verifier, ct).ConfigureAwait(false);
                using var tls = p.GetValue(certificate) is { } c ? PkiProtocol.Tls.TlsTrust.LoadServerCertificate(c.FullName, p.GetRequiredValue(key).FullName) : null;
                IReadOnlyList<string> listen = p.GetValue(urls)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? ["https://127.0.0.1:8443"];
                await using var app = HubApplication.Build(services, listen, runRetention: !p.GetValue(noRetention), tlsCertificate: tls);
                await output.WriteLineAsync($"hub serving TAXII 2.1 at {string.Join(", ", listen.Select(u => u.TrimEnd('/') + "/taxii2/"))}").ConfigureAwait(false);
                await app.RunAsync(ct).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static HttpClient? V2xTrustFrom(FileInfo? rootFile, string? pki, FileInfo? tlsRootFile, TimeProvider time, out Authenticity.V2xTrust? trust)
    {
        trust = null;
        if (rootFile is null || pki is null)
        {
            return null;
        }

        var root = V2x.Security.Certificates.Certificate.Decode(File.ReadAllBytes(rootFile.FullName));
        // The root stays referenced by the handler's chain policy for the life of the client: not disposed here.
        var tlsRoot = tlsRootFile is null ? null : PkiProtocol.Tls.TlsTrust.LoadRoot(tlsRootFile.FullName);
        var http = new HttpClient(PkiProtocol.Tls.TlsTrust.CreateHandler(tlsRoot)) { BaseAddress = new Uri(pki.EndsWith('/') ? pki : pki + "/", UriKind.Absolute) };
        trust = new Authenticity.V2xTrust(new PkiProtocol.Client.PkiClient(http, root, time), time);
        return http;
    }
}
