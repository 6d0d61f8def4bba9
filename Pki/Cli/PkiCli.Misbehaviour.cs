using System.CommandLine;
using CommandLine;
using Pki.Authorities;
using V2x.Security.Crypto;

namespace Pki.Cli;

public static partial class PkiCli
{
    // The misbehaviour authority's revocation requests (Docs/misbehaviour.md) and the certificates of services beside the PKI.
    private static IEnumerable<Command> MisbehaviourCommands(TextWriter output, TimeProvider clock)
    {
        var request = Request();
        yield return OnPki("confirm-revocation", "Confirm a global-detection revocation request waiting for an investigator.", clock,
            (p, pki) => output.WriteLine(pki.Ma.Detection.Confirm(p.GetValue(request))), request);

        var declined = Request();
        var reason = Reason();
        yield return OnPki("decline-revocation", "Decline a global-detection revocation request.", clock,
            (p, pki) => output.WriteLine(pki.Ma.Detection.Decline(p.GetValue(declined), p.GetRequiredValue(reason))), declined, reason);

        var name = CliOptions.Text("--name", "the service's name", required: true);
        var key = CliOptions.Text("--key", "its signing key, SEC 1 P-256 hex", required: true, "HEX");
        var encryptionKey = CliOptions.Text("--encryption-key", "its encryption key, SEC 1 P-256 hex", required: true, "HEX");
        var days = CliOptions.Integer("--lifetime-days", 1, 3650, "validity (default 365)", 365);
        var file = CliOptions.Text("--out", "the file to write (COER)", required: true, "FILE");
        yield return OnPki("issue-service", "Issue a service certificate (the posture server's).", clock, (p, pki) =>
        {
            var encryption = new PublicEncryptionKey(SymmetricAlgorithm.Aes128Ccm, PublicEncryptionAlgorithm.EciesNistP256, ParseKey(p.GetRequiredValue(encryptionKey)).Point);
            var lifetime = p.GetValue(days);
            var certificate = pki.Root.IssueServiceCertificate(p.GetRequiredValue(name), ParseKey(p.GetRequiredValue(key)), encryption, TimeSpan.FromDays(lifetime));
            File.WriteAllBytes(p.GetRequiredValue(file), certificate.Encoded.ToArray());
            output.WriteLine($"service certificate {certificate.HashedId8} ({p.GetRequiredValue(name)}, {lifetime} days) written to {p.GetRequiredValue(file)}");
        }, name, key, encryptionKey, days, file);
    }

    private static Option<int> Request() => CliOptions.Integer("--request", 1, int.MaxValue, "the request's number (show requests)", required: true);

    private static void ShowDetection(string what, BenchPki pki, TextWriter output)
    {
        var store = pki.Context.Store;
        if (what == "observations")
        {
            foreach (var o in store.GetObservations())
            {
                output.WriteLine($"{o.ReceivedAt:O}  {o.Kind}  from station {o.ReporterStation}  about {o.SubjectTicket?.ToString() ?? "itself"} " +
                    $"(station {o.SubjectStation ?? "unknown"}, IDF {o.Implementation?.ToString() ?? "unknown"}): {o.Classes}");
            }

            return;
        }

        foreach (var r in pki.Ma.Detection.Requests)
        {
            output.WriteLine($"{r.Id}  {r.CreatedAt:O}  {r.Scope} {r.Target}  {r.State}{(r.DecidedAt is null ? string.Empty : $" {r.DecidedAt:O}")}: {r.Reason}" +
                $"{(r.Action is null ? string.Empty : $" -> {r.Action}")}");
        }
    }
}
