
namespace Pki.Tests.Authorities;

/// <summary>Everything the PKI has written, for "nothing changed after a refused input" assertions.</summary>
public sealed record StateSnapshot(int Certificates, int Ecs, int Ats, int Resolutions, string Crls, string Stations, string Assessments, int Reports)
{
    public static StateSnapshot Of(TestBench bench)
    {
        ArgumentNullException.ThrowIfNull(bench);
        var store = bench.Pki.Context.Store;
        return new StateSnapshot(
            store.CountCertificates("ec") + store.CountCertificates("at"),
            store.CountCertificates("ec"),
            store.CountCertificates("at"),
            store.GetResolutions(default).Count,
            string.Join(";", store.GetAuthorities().Select(a => $"{a.Certificate.HashedId8}:{a.RevokedAt}:{string.Join(',', store.GetCrlEntries(a.Certificate.HashedId8))}")),
            string.Join(";", store.GetStations().Select(s => $"{s.StationId}:{s.Idf.Version}:{s.BlockedAt}")),
            string.Join(";", bench.Pki.Audit.Assessments.Select(a => $"{a.Serial}:{a.Level}:{a.Status}")),
            store.GetReports().Count);
    }
}
