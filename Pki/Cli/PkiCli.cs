using System.CommandLine;
using CommandLine;
using Pki.Authorities;
using Pki.Service;
using PkiProtocol;

namespace Pki.Cli;

/// <summary>
/// The command line of the Pki executable (System.CommandLine; conventions in CommandLine/): create a PKI in a folder,
/// register stations, assess IDF implementations, issue, revoke, print CRLs and state, and <c>serve</c> the HTTP service.
/// Exit codes: 0 done, 1 refused (the message says why), 2 usage. <c>Pki --help</c> and <c>Pki COMMAND --help</c> list it all.
/// </summary>
public static partial class PkiCli
{
    /// <summary>Runs one command; <c>serve</c> runs until <paramref name="cancellation"/> fires.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, TimeProvider clock,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return CliRunner.RunAsync("Pki", Build(output, clock), args, output, error, Classify, cancellation);
    }

    /// <summary>The command tree; <paramref name="output"/> receives what the commands print.</summary>
    public static RootCommand Build(TextWriter output, TimeProvider clock)
    {
        var root = new RootCommand("The bench V2X PKI (IEEE 1609.2.1 / ETSI TS 102 941): root, EA, AA, audit and misbehaviour authorities in a folder.");
        foreach (var command in Commands(output, clock).Concat(MisbehaviourCommands(output, clock)))
        {
            root.Add(command);
        }

        root.Add(ServeCommand(output, clock));
        return root;
    }

    /// <summary>The exit code of a failure at run time (1), or null for a bug.</summary>
    public static int? Classify(Exception e) =>
        e is ArgumentException or PkiException or IOException or UnauthorizedAccessException or V2x.V2xException ? ExitCodes.Failed : null;

    private static Argument<string> Folder() => FolderCommand.Folder(PkiFolder);

    private const string PkiFolder = "the PKI's folder";

    // A command on an existing PKI: the folder, then the options; the action gets the open PKI.
    private static Command OnPki(string name, string description, TimeProvider clock, Action<ParseResult, BenchPki> act, params Option[] options) =>
        FolderCommand.Create(name, description, PkiFolder, folder => BenchPki.Open(folder, clock), act, options);

    private static Command ServeCommand(TextWriter output, TimeProvider clock)
    {
        var folder = Folder();
        var port = CliOptions.Port("--port", "TCP port on 127.0.0.1 (0 picks a free one)", 8443);
        var plain = CliOptions.Flag("--http", "plain HTTP instead of HTTPS (loopback only)");
        var certificate = CliOptions.ExistingFile("--tls-cert", "the server's TLS certificate (PEM)");
        var key = CliOptions.ExistingFile("--tls-key", "its private key (PEM)");
        var command = new Command("serve", "Serve the PKI over HTTPS (or --http) on 127.0.0.1 until Ctrl-C or SIGTERM.") { folder, port, plain, certificate, key };
        command.Validators.Add(r =>
        {
            var http = r.GetValue(plain);
            var (hasCert, hasKey) = (r.IsGiven(certificate), r.IsGiven(key));
            if (http ? hasCert || hasKey : !(hasCert && hasKey))
            {
                r.AddError("serve needs --tls-cert and --tls-key (HTTPS), or --http for plain HTTP on 127.0.0.1.");
            }
        });
        command.SetAction(async (p, cancellation) =>
        {
            var path = p.GetRequiredValue(folder);
            using var tls = p.GetValue(plain) ? null : PkiProtocol.Tls.TlsTrust.LoadServerCertificate(p.GetRequiredValue(certificate).FullName, p.GetRequiredValue(key).FullName);
            using var pki = BenchPki.Open(path, clock);
            await using var app = PkiService.Build(pki, p.GetValue(port), tls, logToConsole: true);
            await app.StartAsync(cancellation).ConfigureAwait(false);
            await output.WriteLineAsync($"serving the PKI in {path} on {PkiService.BoundAddress(app)}").ConfigureAwait(false);
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
}
