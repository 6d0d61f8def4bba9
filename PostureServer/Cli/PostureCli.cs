using System.CommandLine;
using System.Globalization;
using CommandLine;
using Firmware.SecurePartition.Posture;
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
/// records or a CSAF 2.0 advisory), score a vector, show the catalogue, and <c>serve</c>. System.CommandLine (conventions in CommandLine/); exit codes:
/// 0 done, 1 refused (the message says why), 2 usage.
/// </summary>
public static class PostureCli
{
    /// <summary>Runs one command; <c>serve</c> runs until <paramref name="cancellation"/> fires.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, TimeProvider clock, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return CliRunner.RunAsync("PostureServer", Build(output, clock), args, output, error, Classify, cancellation);
    }

    /// <summary>The exit code of a failure at run time (1), or null for a bug.</summary>
    public static int? Classify(Exception e) =>
        e is ArgumentException or CvssException or PkiException or IOException or UnauthorizedAccessException or InvalidDataException or V2x.V2xException
            ? ExitCodes.Failed
            : null;

    /// <summary>The command tree; <paramref name="output"/> receives what the commands print.</summary>
    public static RootCommand Build(TextWriter output, TimeProvider clock)
    {
        var root = new RootCommand("The OEM's posture server (Docs/posture.md): a catalogue of components and weaknesses, CVSS 3.1 scores, posture assessments for vehicles.");
        root.Add(OnStore("init", "Create the server's state and keys; prints the public keys for `Pki issue-service`.", create: true, (_, store) =>
        {
            using var keys = ServerKeys.Load(store);
            output.WriteLine($"posture server state in {store.Path}");
            output.WriteLine($"signing key    {Convert.ToHexStringLower(keys.Signing.PublicKey.Point.ToSec1())}");
            output.WriteLine($"encryption key {Convert.ToHexStringLower(keys.Encryption.PublicKey.Point.ToSec1())}");
        }));

        var certificate = CliOptions.ExistingFile("--file", "the certificate `Pki issue-service` wrote", required: true);
        root.Add(OnStore("set-certificate", "Install the certificate the PKI issued to the server's keys.", create: false, (p, store) =>
        {
            using var keys = ServerKeys.Load(store);
            keys.Install(store, File.ReadAllBytes(p.GetRequiredValue(certificate).FullName));
            output.WriteLine($"certificate {keys.Certificate!.HashedId8} installed");
        }, certificate));

        var name = CliOptions.Text("--name", "the component's inventory name", required: true, "INVENTORY-NAME");
        var id = CliOptions.Text("--id", "its identifier: CPE 2.3 or PURL", required: true, "CPE2.3|PURL");
        var role = CliOptions.Choice("--role", "its role", null, "application", "idf", "other");
        role.Required = true;
        var latest = CliOptions.Text("--latest", "its latest version", required: true, "VERSION");
        root.Add(OnStore("add-component", "Add or replace a catalogue component.", create: false, (p, store) =>
        {
            var component = new CatalogueComponent(p.GetRequiredValue(name), ComponentIdentifier.Parse(p.GetRequiredValue(id)), Role(p.GetRequiredValue(role)), p.GetRequiredValue(latest));
            store.PutComponent(component);
            output.WriteLine($"component {component.InventoryName} ({component.Identifier}, {component.Role}, latest {component.LatestVersion})");
        }, name, id, role, latest));

        var weaknessId = CliOptions.Text("--id", "the weakness's identifier (a CVE)", required: true);
        var component = CliOptions.Text("--component", "the component's inventory name", required: true, "INVENTORY-NAME");
        var vector = CliOptions.Text("--vector", "its CVSS 3.1 vector", required: true, "CVSS:3.1/...");
        var affected = CliOptions.Text("--affected", "the versions affected", required: true, "A|A..<B|A..B[;...]");
        var fixedIn = CliOptions.Text("--fixed-in", "the version that fixes it", valueName: "V");
        var title = CliOptions.Text("--title", "its title", required: true, "T");
        root.Add(OnStore("add-weakness", "Add or replace a weakness by hand.", create: false, (p, store) =>
        {
            var weakness = new Weakness(p.GetRequiredValue(weaknessId), p.GetRequiredValue(component), CvssVector.Parse(p.GetRequiredValue(vector)),
                [.. p.GetRequiredValue(affected).Split(';', StringSplitOptions.RemoveEmptyEntries).Select(AffectedRange.Parse)], p.GetValue(fixedIn), p.GetRequiredValue(title), "cli");
            store.PutWeaknesses([weakness]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"weakness {weakness.Id} on {weakness.Component}: base {weakness.BaseScore:0.0}"));
        }, weaknessId, component, vector, affected, fixedIn, title));

        var records = CliOptions.ExistingFile("--file", "a CVE JSON 5 record or array of records, or a CSAF 2.0 advisory", required: true);
        root.Add(OnStore("import", "Import weaknesses from CVE JSON 5 records or a CSAF 2.0 advisory (told apart by their shape).", create: false, (p, store) =>
        {
            var path = p.GetRequiredValue(records).FullName;
            var text = File.ReadAllText(path);

            // Either format, told apart by its shape; a malformed file throws before anything is stored.
            var (weaknesses, skipped) = CsafImport.IsAdvisory(text)
                ? CsafImport.Read(text, store.Components(), Path.GetFileName(path))
                : CveRecordImport.Read(text, store.Components(), Path.GetFileName(path));
            store.PutWeaknesses(weaknesses);
            output.WriteLine($"{weaknesses.Count} weakness(es) imported from {p.GetRequiredValue(records)}, {skipped.Count} record(s) or product(s) skipped");
            foreach (var s in skipped)
            {
                output.WriteLine($"  skipped {s}");
            }
        }, records));

        root.Add(OnStore("show", "Print the catalogue.", create: false, (_, store) =>
        {
            foreach (var c in store.Components())
            {
                output.WriteLine($"{c.InventoryName}  {c.Identifier}  {c.Role}  latest {c.LatestVersion}");
                foreach (var w in store.WeaknessesOf(c.InventoryName))
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {w.Id}  base {w.BaseScore:0.0} temporal {w.TemporalScore:0.0}  affects {string.Join(";", w.Affected)}  fixed in {w.FixedIn ?? "(no patch)"}  {w.Title}"));
                }
            }
        }));

        var scored = new Argument<string>("vector") { Description = "a CVSS 3.1 vector (CVSS:3.1/AV:N/...)" };
        var score = new Command("score", "Print a CVSS 3.1 vector's base and temporal scores.") { scored };
        score.SetAction(p =>
        {
            var v = CvssVector.Parse(p.GetRequiredValue(scored));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"base {Cvss31.BaseScore(v):0.0} temporal {Cvss31.TemporalScore(v):0.0}"));
        });
        root.Add(score);
        root.Add(ServeCommand(output, clock));
        return root;
    }

    // A command on the server's folder: the folder, then the options; the action gets the open store.
    private const string StoreFolder = "the posture server's folder";

    private static Command OnStore(string name, string description, bool create, Action<ParseResult, PostureStore> act, params Option[] options) =>
        FolderCommand.Create(name, description, StoreFolder, folder => PostureStore.Open(folder, create), act, options);

    private static Command ServeCommand(TextWriter output, TimeProvider clock)
    {
        var folder = FolderCommand.Folder(StoreFolder);
        var oemDir = CliOptions.ExistingDirectory("--oem-dir", "the OEM's key folder (Firmware oem init)", required: true);
        var pki = CliOptions.Text("--pki", "the PKI service", required: true, "URL");
        var rootFile = CliOptions.ExistingFile("--root", "the PKI's root certificate (COER)", required: true);
        var port = CliOptions.Port("--port", "TCP port on 127.0.0.1 (0 picks a free one)", 8444);
        var command = new Command("serve", "Serve posture assessments on 127.0.0.1 until Ctrl-C or SIGTERM.") { folder, oemDir, pki, rootFile, port };
        command.SetAction(async (p, cancellation) =>
        {
            var path = p.GetRequiredValue(folder);
            var pkiUrl = p.GetRequiredValue(pki);
            using var store = PostureStore.Open(path, create: false);
            using var keys = ServerKeys.Load(store);
            if (keys.Certificate is null)
            {
                throw new ArgumentException($"{path} has no certificate: `Pki issue-service` with the keys `init` printed, then `set-certificate`");
            }

            using var oemKey = Firmware.Host.OemKeyFiles.Load(p.GetRequiredValue(oemDir).FullName);
            var root = Certificate.Decode(File.ReadAllBytes(p.GetRequiredValue(rootFile).FullName));
            using var http = new HttpClient { BaseAddress = new Uri(pkiUrl.EndsWith('/') ? pkiUrl : pkiUrl + "/", UriKind.Absolute) };
            var endpoint = new AssessmentEndpoint(new PostureAssessor(store), keys, oemKey, new RequesterTrust(new PkiClient(http, root, clock), clock), clock);
            await using var app = PostureHttpService.Build(endpoint, keys, p.GetValue(port), logToConsole: true);
            await app.StartAsync(cancellation).ConfigureAwait(false);
            await output.WriteLineAsync($"serving the posture server in {path} on {PostureHttpService.BoundAddress(app)}").ConfigureAwait(false);
            await output.FlushAsync(cancellation).ConfigureAwait(false);
            try
            {
                await app.WaitForShutdownAsync(cancellation).ConfigureAwait(false);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static ComponentRole Role(string text) => text switch
    {
        "application" => ComponentRole.Application,
        "idf" => ComponentRole.Idf,
        "other" => ComponentRole.Other,
        _ => throw new CommandLine.UsageException($"--role is application, idf or other, not '{text}'"),
    };
}
