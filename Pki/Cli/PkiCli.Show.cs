using System.CommandLine;
using Pki.Authorities;

namespace Pki.Cli;

public static partial class PkiCli
{
    private static readonly string[] ShowWhat = ["authorities", "stations", "assessments", "compromises", "reports", "observations", "requests"];

    private static Command ShowCommand(TextWriter output, TimeProvider clock)
    {
        var folder = Folder();
        var what = new Argument<string>("what") { Description = "what to show: " + string.Join(", ", ShowWhat) };
        what.AcceptOnlyFromAmong(ShowWhat);
        var command = new Command("show", "Print the PKI's state.") { folder, what };
        command.SetAction(p =>
        {
            using var pki = BenchPki.Open(p.GetRequiredValue(folder), clock);
            Show(p.GetRequiredValue(what), pki, output);
        });
        return command;
    }

    private static void Show(string what, BenchPki pki, TextWriter output)
    {
        if (what is "observations" or "requests")
        {
            ShowDetection(what, pki, output);
            return;
        }

        var store = pki.Context.Store;
        switch (what)
        {
            case "authorities":
                foreach (var ca in store.GetAuthorities())
                {
                    var validity = ca.Certificate.ToBeSigned.ValidityPeriod;
                    output.WriteLine($"{ca.Role,-13} {ca.Certificate.HashedId8}  {ca.Certificate.ToBeSigned.Id.Name}  valid {validity.Start.ToUtc():O} .. " +
                        $"{validity.End.ToUtc():O}{(ca.Model is null ? string.Empty : $"  model {ca.Model}")}" +
                        $"{(ca.RevokedAt is null ? string.Empty : $"  REVOKED {ca.RevokedAt:O}")}  CRL entries {store.GetCrlEntries(ca.Certificate.HashedId8).Count}");
                }

                break;
            case "stations":
                foreach (var s in store.GetStations())
                {
                    var status = pki.Ea.RevocationReason(s) ?? "active";
                    output.WriteLine($"{s.StationId}  {s.Vendor} {s.Product}  {s.StationType} {s.Role}  IDF {s.Idf}  assurance {s.AssuranceLevel}" +
                        $"{(s.Investigator ? "  investigator" : string.Empty)}  ECs {store.GetEnrolmentsOf(s.StationId).Count}  {status}");
                }

                break;
            case "assessments":
                foreach (var x in pki.Audit.Assessments)
                {
                    output.WriteLine($"{x.Serial}  {x.Vendor}/{x.Product} {x.Versions}  level {x.Level}  {x.Status}  " +
                        $"{x.ValidFrom.ToUtc():O} .. {x.ValidUntil.ToUtc():O}  evidence '{x.Evidence}'");
                }

                foreach (var (serial, at, action, level, reason) in store.GetAssessmentHistory())
                {
                    output.WriteLine($"  history {serial} {at:O} {action} level {level}: {reason}");
                }

                break;
            case "compromises":
                foreach (var c in store.GetCompromises())
                {
                    output.WriteLine($"{c.Vendor}/{c.Product} {c.Versions}  found {c.FoundAt:O}: {c.Reason}");
                }

                break;
            default:
                foreach (var r in store.GetReports())
                {
                    output.WriteLine($"{r.Id}  {r.ReceivedAt:O}  {r.Kind}  by AT {r.Reporter}{(r.Subject is null ? string.Empty : $"  about {r.Subject}")}: {r.Action}");
                }

                break;
        }
    }
}
