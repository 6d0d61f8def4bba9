using System.Globalization;
using Firmware.SecurePartition.Posture;
using Pki.Cli;
using PkiProtocol;
using PkiProtocol.Client;
using PostureServer.Assessment;
using PostureServer.Catalogue;
using PostureServer.Cvss;
using PostureServer.Import;
using PostureServer.Service;
using PostureServer.Store;
using V2x.Security.Certificates;

namespace PostureServer.Cli;

/// <summary>
/// The command line of the PostureServer executable (Docs/posture.md): create the server's state and keys, install the
/// certificate the PKI issued to them, keep the OEM's catalogue (components, weaknesses by hand or imported from CVE JSON 5
/// records or a CSAF 2.0 advisory), score a vector, show the catalogue, and <c>serve</c>. Exit codes: 0 done, 1 refused (the message says why), 2 usage.
/// </summary>
public static class PostureCli
{
    public const string Usage = """
        usage: PostureServer <command> <folder> [options]
          init <folder>                                   (state and keys; prints the public keys for `Pki issue-service`)
          set-certificate <folder> --file FILE            (the certificate `Pki issue-service` wrote)
          add-component <folder> --name INVENTORY-NAME --id CPE2.3|PURL --role application|idf|other --latest VERSION
          add-weakness <folder> --id ID --component INVENTORY-NAME --vector CVSS:3.1/... --affected A|A..<B|A..B[;...] [--fixed-in V] --title T
          import <folder> --file FILE                     (a CVE JSON 5 record or array of records, or a CSAF 2.0 advisory)
          show <folder>
          score <CVSS:3.1 vector>
          serve <folder> --oem-dir DIR --pki URL --root FILE [--port P]   (127.0.0.1; P = 0 picks a free port)
        """;

    /// <summary>Runs one command; <c>serve</c> runs until <paramref name="cancellation"/> fires.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, TimeProvider clock, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(clock);
        if (args.Count == 0)
        {
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        try
        {
            var a = new CliArguments(args.Skip(1).ToArray());
            switch (args[0])
            {
                case "serve":
                    return await ServeAsync(a, output, clock, cancellation).ConfigureAwait(false);
                case "score":
                    var vector = CvssVector.Parse(a.Positional(0, "<vector>"));
                    a.Done(1);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"base {Cvss31.BaseScore(vector):0.0} temporal {Cvss31.TemporalScore(vector):0.0}")).ConfigureAwait(false);
                    return 0;
                case "help" or "--help":
                    await output.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 0;
                default:
                    Run(args[0], a, output);
                    return 0;
            }
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is ArgumentException or CvssException or PkiException or IOException or UnauthorizedAccessException or InvalidDataException
                                      or V2x.V2xException)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static void Run(string command, CliArguments a, TextWriter output)
    {
        var folder = a.Positional(0, "<folder>");
        using var store = PostureStore.Open(folder, create: command == "init");
        switch (command)
        {
            case "init":
                a.Done(1);
                using (var keys = ServerKeys.Load(store))
                {
                    output.WriteLine($"posture server state in {store.Path}");
                    output.WriteLine($"signing key    {Convert.ToHexStringLower(keys.Signing.PublicKey.Point.ToSec1())}");
                    output.WriteLine($"encryption key {Convert.ToHexStringLower(keys.Encryption.PublicKey.Point.ToSec1())}");
                }

                break;
            case "set-certificate":
                var file = a.Required("file");
                a.Done(1);
                using (var keys = ServerKeys.Load(store))
                {
                    keys.Install(store, File.ReadAllBytes(file));
                    output.WriteLine($"certificate {keys.Certificate!.HashedId8} installed");
                }

                break;
            case "add-component":
                var component = new CatalogueComponent(a.Required("name"), ComponentIdentifier.Parse(a.Required("id")), Role(a.Required("role")), a.Required("latest"));
                a.Done(1);
                store.PutComponent(component);
                output.WriteLine($"component {component.InventoryName} ({component.Identifier}, {component.Role}, latest {component.LatestVersion})");
                break;
            case "add-weakness":
                var weakness = new Weakness(a.Required("id"), a.Required("component"), CvssVector.Parse(a.Required("vector")),
                    [.. a.Required("affected").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(AffectedRange.Parse)], a.Optional("fixed-in"), a.Required("title"), "cli");
                a.Done(1);
                store.PutWeaknesses([weakness]);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"weakness {weakness.Id} on {weakness.Component}: base {weakness.BaseScore:0.0}"));
                break;
            case "import":
                var path = a.Required("file");
                a.Done(1);
                var text = File.ReadAllText(path);

                // Either format, told apart by its shape; a malformed file throws before anything is stored.
                var (weaknesses, skipped) = CsafImport.IsAdvisory(text)
                    ? CsafImport.Read(text, store.Components(), Path.GetFileName(path))
                    : CveRecordImport.Read(text, store.Components(), Path.GetFileName(path));
                store.PutWeaknesses(weaknesses);
                output.WriteLine($"{weaknesses.Count} weakness(es) imported from {path}, {skipped.Count} record(s) or product(s) skipped");
                foreach (var s in skipped)
                {
                    output.WriteLine($"  skipped {s}");
                }

                break;
            case "show":
                a.Done(1);
                foreach (var c in store.Components())
                {
                    output.WriteLine($"{c.InventoryName}  {c.Identifier}  {c.Role}  latest {c.LatestVersion}");
                    foreach (var w in store.WeaknessesOf(c.InventoryName))
                    {
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {w.Id}  base {w.BaseScore:0.0} temporal {w.TemporalScore:0.0}  affects {string.Join(";", w.Affected)}  fixed in {w.FixedIn ?? "(no patch)"}  {w.Title}"));
                    }
                }

                break;
            default:
                throw new UsageException($"unknown command '{command}'");
        }
    }

    private static async Task<int> ServeAsync(CliArguments a, TextWriter output, TimeProvider clock, CancellationToken cancellation)
    {
        var folder = a.Positional(0, "<folder>");
        var oemDir = a.Required("oem-dir");
        var pkiUrl = a.Required("pki");
        var rootFile = a.Required("root");
        var port = a.Int("port", 8444, 0, 65535);
        a.Done(1);
        using var store = PostureStore.Open(folder, create: false);
        using var keys = ServerKeys.Load(store);
        if (keys.Certificate is null)
        {
            throw new ArgumentException($"{folder} has no certificate: `Pki issue-service` with the keys `init` printed, then `set-certificate`");
        }

        using var oemKey = Firmware.Host.OemKeyFiles.Load(oemDir);
        var root = Certificate.Decode(File.ReadAllBytes(rootFile));
        using var http = new HttpClient { BaseAddress = new Uri(pkiUrl.EndsWith('/') ? pkiUrl : pkiUrl + "/", UriKind.Absolute) };
        var endpoint = new AssessmentEndpoint(new PostureAssessor(store), keys, oemKey, new RequesterTrust(new PkiClient(http, root, clock), clock), clock);
        await using var app = PostureHttpService.Build(endpoint, keys, port, logToConsole: true);
        await app.StartAsync(cancellation).ConfigureAwait(false);
        await output.WriteLineAsync($"serving the posture server in {folder} on {PostureHttpService.BoundAddress(app)}").ConfigureAwait(false);
        await output.FlushAsync(cancellation).ConfigureAwait(false);
        try
        {
            await app.WaitForShutdownAsync(cancellation).ConfigureAwait(false);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return 0;
    }

    private static ComponentRole Role(string text) => text switch
    {
        "application" => ComponentRole.Application,
        "idf" => ComponentRole.Idf,
        "other" => ComponentRole.Other,
        _ => throw new UsageException($"--role is application, idf or other, not '{text}'"),
    };
}
