using Pki.Service;
using PkiProtocol;

namespace Pki.Cli;

/// <summary>
/// The command line of the Pki executable: create a PKI in a folder, register stations, assess IDF
/// implementations, issue, revoke, print CRLs and state, and <c>serve</c> the HTTP service. Exit codes:
/// 0 done, 1 refused (the message says why), 2 usage.
/// </summary>
public static partial class PkiCli
{
    public const string Usage = """
        usage: Pki <command> <folder> [options]
          init <folder> [--name N] [--country M49] [--per-model-aa] [--ticket-lifetime-hours H] [--ticket-quantum-minutes M]
          serve <folder> [--port P]                      (127.0.0.1; P = 0 picks a free port)
          keygen --out <file>                            (bench key: private scalar to file, public key printed)
          register-station <folder> --id ID --key HEX --vendor V --product P --idf-vendor V --idf-product P --idf-version X
                           [--assurance 0..7] [--station-type passengerCar|bus|...|specialVehicles] [--role default|emergency|roadWork|...]
                           [--investigator]
          update-station <folder> --id ID --idf-version X
          assess <folder> --idf-vendor V --idf-product P --versions A..B --level 0..7 [--from T] [--until T] [--evidence TEXT]
          lower-assessment <folder> --serial N --level L --reason TEXT
          withdraw-assessment <folder> --serial N --reason TEXT
          issue <folder> --station ID --key HEX --out FILE (an EC without the protocol, for bench provisioning)
          revoke <folder> --station ID --reason TEXT
          revoke <folder> --implementation VENDOR/PRODUCT --versions A..B [--lower-to L] --reason TEXT
          revoke <folder> --certificate HASHEDID8 --reason TEXT
          crl <folder> --ca root|ea|aa|audit|HASHEDID8 [--out FILE]
          certificate <folder> --ca root|ea|aa|audit|HASHEDID8 [--model VENDOR/PRODUCT] --out FILE
          show <folder> authorities|stations|assessments|compromises|reports
        """;

    /// <summary>Runs one command; <c>serve</c> runs until <paramref name="cancellation"/> fires.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, TimeProvider clock,
        CancellationToken cancellation = default)
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
            var rest = args.Skip(1).ToArray();
            switch (args[0])
            {
                case "serve":
                    return await Serve(new CliArguments(rest), output, clock, cancellation).ConfigureAwait(false);
                case "help":
                case "--help":
                    await output.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 0;
                default:
                    Run(args[0], rest, output, clock);
                    return 0;
            }
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is ArgumentException or PkiException or IOException or UnauthorizedAccessException or V2x.V2xException)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> Serve(CliArguments a, TextWriter output, TimeProvider clock, CancellationToken cancellation)
    {
        var folder = a.Positional(0, "<folder>");
        var port = a.Int("port", 8443, 0, 65535);
        a.Done(1);
        using var pki = Authorities.BenchPki.Open(folder, clock);
        await using var app = PkiService.Build(pki, port, logToConsole: true);
        await app.StartAsync(cancellation).ConfigureAwait(false);
        await output.WriteLineAsync($"serving the PKI in {folder} on {PkiService.BoundAddress(app)}").ConfigureAwait(false);
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
}
