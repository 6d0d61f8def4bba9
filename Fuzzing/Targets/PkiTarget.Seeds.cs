using Pki.Authorities;
using Pki.Store;
using PkiProtocol.Audit;
using PkiProtocol.Client;
using PkiProtocol.Misbehaviour;
using V2x.Security.Crypto;
using V2x.Time;

namespace Fuzzing.Targets;

/// <summary>
/// The PKI seeds: a new bench PKI (saved as the fixture once its station is enrolled) and the requests a station
/// sends through <see cref="StationRequests"/>, plus the validation request the AA sends the EA.
/// </summary>
public sealed partial class PkiTarget
{
    /// <summary>The PKI's clock, and the time the seed requests were made.</summary>
    public static readonly DateTimeOffset Start = ReceiveTarget.Start;

    /// <inheritdoc />
    public IReadOnlyList<FuzzSeed> CreateSeeds(string fixtures)
    {
        var idf = new IdfImplementation("Acme", "Guard", "2.0");
        var work = Directory.CreateTempSubdirectory("fuzz-pki-seed-").FullName;
        var clock = new FixedClock(Start);
        var now = Time64.FromUtc(Start);
        using var canonical = EcdsaP256SignatureKey.Generate();
        using var ecKey = EcdsaP256SignatureKey.Generate();
        using var atKey = EcdsaP256SignatureKey.Generate();
        try
        {
            byte[] enrolment;
            V2x.Security.Certificates.Certificate ec;
            using (var pki = BenchPki.Init(work, new PkiOptions(), clock))
            {
                pki.Audit.Assess(idf.Vendor, idf.Product, VersionRange.Parse("1.0..2.9"), 3, Start.AddDays(-1), Start.AddYears(2), "fuzz fixture");
                pki.Ea.RegisterStation(new StationRecord
                {
                    StationId = "fuzz-station",
                    CanonicalKey = canonical.PublicKey,
                    Vendor = "Acme Motors",
                    Product = "OBU-7",
                    Idf = idf,
                    AssuranceLevel = 2,
                });
                enrolment = StationRequests.Enrolment("fuzz-station", canonical, ecKey, pki.EaCertificate, now, out var dataKey);
                ec = StationRequests.ReadEnrolmentResponse(pki.Ea.ProcessEnrolment(enrolment), dataKey, enrolment, pki.EaCertificate, now);
            }

            // The fixture: the PKI with the station enrolled (the state file only; the PKI is closed so it is whole).
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var fixture = Path.Combine(fixtures, FixtureFolder);
            Directory.CreateDirectory(fixture);
            File.Copy(Path.Combine(work, PkiStore.FileName), Path.Combine(fixture, PkiStore.FileName), overwrite: true);

            using var open = BenchPki.Open(work, clock);
            var ea = open.EaCertificate;
            var aa = open.AaCertificate(idf.Model) ?? throw new InvalidOperationException("the fixture PKI has no AA");
            var authorization = StationRequests.Authorization(ec, ecKey, atKey, ea, aa, new TicketRequest(), now, out var atDataKey);
            byte[]? validation = null;
            var capture = new AuthorizationAuthority(open.Context, request =>
            {
                validation = request;
                return open.Ea.ProcessValidation(request);
            });
            var response = capture.ProcessAuthorization(authorization);
            var ticket = StationRequests.ReadAuthorizationResponse(response, atDataKey, authorization, aa, atKey.PublicKey, now);
            var observation = new MisbehaviourReport { GenerationTime = now, Kind = MisbehaviourKind.Observation, Subject = ticket.HashedId8, Evidence = new byte[] { 1, 2, 3, 4 } };
            var compromise = new MisbehaviourReport { GenerationTime = now, Kind = MisbehaviourKind.IdfCompromise };
            return
            [
                new("enrolment", [0, .. enrolment]),
                new("authorization", [1, .. authorization]),
                new("validation", [2, .. validation ?? throw new InvalidOperationException("the AA sent no validation request")]),
                new("report-observation", [3, .. StationRequests.Report(observation, ticket, atKey)]),
                new("report-idf-compromise", [3, .. StationRequests.Report(compromise, ticket, atKey)]),
            ];
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }
}
