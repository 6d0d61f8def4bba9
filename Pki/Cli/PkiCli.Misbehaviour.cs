using Pki.Authorities;
using V2x.Security.Crypto;

namespace Pki.Cli;

public static partial class PkiCli
{
    // The misbehaviour authority's revocation requests (Docs/misbehaviour.md) and the certificates of services beside the PKI.
    private static bool RunMisbehaviour(string command, string[] rest, TextWriter output, TimeProvider clock)
    {
        switch (command)
        {
            case "confirm-revocation":
                WithPki(new CliArguments(rest), clock, (a, pki) =>
                {
                    var id = a.RequiredInt("request", 1, int.MaxValue);
                    a.Done(1);
                    output.WriteLine(pki.Ma.Detection.Confirm(id));
                });
                return true;
            case "decline-revocation":
                WithPki(new CliArguments(rest), clock, (a, pki) =>
                {
                    var id = a.RequiredInt("request", 1, int.MaxValue);
                    var reason = a.Required("reason");
                    a.Done(1);
                    output.WriteLine(pki.Ma.Detection.Decline(id, reason));
                });
                return true;
            case "issue-service":
                WithPki(new CliArguments(rest), clock, (a, pki) => IssueService(a, pki, output));
                return true;
            default:
                return false;
        }
    }

    private static void IssueService(CliArguments a, BenchPki pki, TextWriter output)
    {
        var name = a.Required("name");
        var key = ParseKey(a.Required("key"));
        var encryption = new PublicEncryptionKey(SymmetricAlgorithm.Aes128Ccm, PublicEncryptionAlgorithm.EciesNistP256, ParseKey(a.Required("encryption-key")).Point);
        var days = a.Int("lifetime-days", 365, 1, 3650);
        var file = a.Required("out");
        a.Done(1);
        var certificate = pki.Root.IssueServiceCertificate(name, key, encryption, TimeSpan.FromDays(days));
        File.WriteAllBytes(file, certificate.Encoded.ToArray());
        output.WriteLine($"service certificate {certificate.HashedId8} ({name}, {days} days) written to {file}");
    }

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
