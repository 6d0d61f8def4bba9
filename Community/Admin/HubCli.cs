using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Community.Hosting;
using Community.Storage;

namespace Community.Admin;

/// <summary>
/// The hub's command line: <c>serve</c> runs the hub; the other commands perform the admin API's
/// operations directly on the store (the same <see cref="Membership.MembershipService"/> code).
/// The store is <c>--db</c> (or X1382_HUB_DB): a SQLite file or a PostgreSQL connection string.
/// </summary>
public static partial class CommandLine
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        Community: the ITU-T X.1382 threat-sharing hub (TAXII 2.1 / STIX 2.1)

          Community serve (--tls-cert CERT.pem --tls-key KEY.pem [--urls https://HOST:PORT] | --urls http://127.0.0.1:PORT)
                [--v2x-root ROOT.cert --pki URL [--pki-tls-root CA.pem]] [--api-root hub] [--max-content-length BYTES] [--no-retention]
          Community org set --id ID --name NAME [--roles automaker,supplier,third-party-provider,coordination-team,
                telecom-operator,cybersecurity-vendor] [--makes A,B] [--models A,B] [--suppliers A,B] [--clients org1,org2]
                [--reputation 0..1] [--admin]
          Community org list
          Community org reputation --id ID --value 0..1
          Community credential set --org ID --user NAME (--password SECRET | --password-stdin)
          Community collection set --title TITLE [--id UUID] [--description D] [--alias A] [--public]
                [--desensitisation reject|scrub] [--coordinate-decimals N] [--retention-days N] [--default-tlp LEVEL] [--merge true|false]
                [--signatures none|mark|require] [--vehicle-producer ORG]
          Community collection list
          Community join request|approve|reject|leave --org ID --collection ID [--read true|false] [--write true|false]
          Community join pending
          Community rule add --field F --value V --reason R [--collection ID] | rule list | rule remove --id ID
          Community routing show | routing set --file routing.json
          Community anomaly list | anomaly revoke --collection ID --signature SIG --reason R
          Community retention run
          Community audit [--after SEQ] [--limit N]

        Every command takes --db CONNECTION (default: X1382_HUB_DB, else "Data Source=hub.db") and, for
        PostgreSQL, --schema NAME. serve listens over HTTPS; plain HTTP only on loopback. --v2x-root (the V2X PKI's root
        certificate, COER) and --pki (its service, for CA certificates and CRLs) let the hub check the ticket signatures
        of anomaly summaries (collections with --signatures mark|require, and vehicles posting without credentials).
        """;

    /// <summary>Runs one command; returns the process exit code (0 success, 1 refused, 2 usage).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(time);
        CliArguments parsed;
        try
        {
            parsed = CliArguments.Parse(args);
        }
        catch (CommunityException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        if (parsed.Words.Count == 0 || parsed.Words[0] is "help" or "-h")
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return parsed.Words.Count == 0 ? 2 : 0;
        }

        var db = parsed.Get("db") ?? Environment.GetEnvironmentVariable("X1382_HUB_DB") ?? "Data Source=hub.db";
        var options = new HubOptions
        {
            ApiRootName = parsed.Get("api-root") ?? "hub",
            MaxContentLengthBytes = parsed.Number("max-content-length") is { } max ? (long)max : new HubOptions().MaxContentLengthBytes,
        };
        try
        {
            using var pkiHttp = V2xTrustFrom(parsed, time, out var trust);
            using (trust)
            {
                var verifier = trust is null ? null : new Authenticity.SubmissionVerifier(trust, time);
                await using var services = await HubServices.CreateAsync(HubStoreFactory.Create(db, parsed.Get("schema")), options, time, verifier, cancellationToken).ConfigureAwait(false);
                return await DispatchAsync(parsed, services, input, output, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (CommunityException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return e.Kind == CommunityErrorKind.Invalid && e.Message.StartsWith("usage", StringComparison.Ordinal) ? 2 : 1;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or ArgumentException or V2x.V2xException)
        {
            await error.WriteLineAsync("failed: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    private static Task WriteJsonAsync<T>(TextWriter output, T value, JsonTypeInfo<T> info) =>
        output.WriteLineAsync(JsonSerializer.Serialize(value, (JsonTypeInfo<T>)CommunityJsonContext.Wire.GetTypeInfo(typeof(T))!));

    private static CommunityException UsageError(string what) => new(CommunityErrorKind.Invalid, "usage: " + what + " (see Community help)");

    // The V2X PKI the hub checks ticket signatures against: --v2x-root (COER root certificate, the trust anchor) and --pki
    // (the PKI service, HTTPS verified against --pki-tls-root when given). Null when not configured.
    private static HttpClient? V2xTrustFrom(CliArguments parsed, TimeProvider time, out Authenticity.V2xTrust? trust)
    {
        trust = null;
        if (parsed.Get("v2x-root") is not { } rootPath)
        {
            return null;
        }

        var pki = parsed.Get("pki") ?? throw UsageError("--v2x-root needs --pki URL (the PKI service: CA certificates and CRLs)");
        var root = V2x.Security.Certificates.Certificate.Decode(File.ReadAllBytes(rootPath));
        // The root stays referenced by the handler's chain policy for the life of the client: not disposed here.
        var tlsRoot = parsed.Get("pki-tls-root") is { } pem ? PkiProtocol.Tls.TlsTrust.LoadRoot(pem) : null;
        var http = new HttpClient(PkiProtocol.Tls.TlsTrust.CreateHandler(tlsRoot)) { BaseAddress = new Uri(pki.EndsWith('/') ? pki : pki + "/", UriKind.Absolute) };
        trust = new Authenticity.V2xTrust(new PkiProtocol.Client.PkiClient(http, root, time), time);
        return http;
    }
}
