using Bench.Misbehaviour;
using PkiProtocol.Misbehaviour;

namespace Bench.Tests.Misbehaviour;

/// <summary>
/// The misbehaviour loop on the evaluation's traffic (<c>Bench misbehaviour</c>, Docs/misbehaviour.md "Time to
/// revocation"): signed frames past bench OBUs, reports to the bench PKI's misbehaviour authority, revocation, CRLs,
/// Revoked at every receiver; one hand-stepped clock.
/// </summary>
public sealed class RevocationTests
{
    [Fact]
    public async Task Every_attacker_is_revoked_and_then_rejected_as_revoked_by_every_receiver_in_time_order()
    {
        // Three receivers 300 m apart that all hear everything (range 5 km): each finds every attacker, which makes the
        // authority's threshold of three reporting stations.
        var options = new EvaluationOptions { Duration = TimeSpan.FromSeconds(40), Genuine = 5, AttackersPerClass = 1, Receivers = 3, RangeMetres = 5000, Seed = 1 };
        var figures = await RevocationRun.RunAsync(EvaluationTraffic.Generate(options), options);

        Assert.Equal(Enum.GetValues<MbrObservation>().Order(), figures.Attackers.Select(a => a.Class).Order());
        Assert.All(figures.Attackers, a =>
        {
            Assert.True(a.RevokedAt is not null, $"{a.Station} ({a.Class}) not revoked: {a.Reports} reports");
            Assert.True(a.Reports >= 3, $"{a.Station}: {a.Reports} reports");
            Assert.True(a.FirstFalse <= a.RevokedAt, $"{a.Station}: revoked at {a.RevokedAt} before its first message at {a.FirstFalse}");
            Assert.Equal(3, a.Expected.Count);
            Assert.All(a.Receivers, r =>
            {
                Assert.True(r.FirstRevoked is not null, $"{r.Receiver} never rejected {a.Station} as Revoked");
                Assert.True(a.RevokedAt <= r.FirstRevoked, $"{r.Receiver} rejected {a.Station} as Revoked at {r.FirstRevoked}, before the authority revoked it at {a.RevokedAt}");
            });
        });
        Assert.Equal(0, figures.GenuineRevoked);
        Assert.Equal(0, figures.ModelsRevoked);
        Assert.Equal(0, figures.ReportsRefused);
        Assert.True(figures.ReportsSent >= figures.Observations, $"{figures.ReportsSent} sent, {figures.Observations} counted");
        Assert.Contains("first Revoked at receivers", figures.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_attackers_nobody_is_reported_or_revoked()
    {
        var options = new EvaluationOptions { Duration = TimeSpan.FromSeconds(20), Genuine = 6, AttackersPerClass = 0, Receivers = 3, RangeMetres = 5000, Seed = 2 };
        var figures = await RevocationRun.RunAsync(EvaluationTraffic.Generate(options), options);

        Assert.Empty(figures.Attackers);
        Assert.True(figures.GenuineStations >= 6);
        Assert.Equal(0, figures.Observations);
        Assert.Equal(0, figures.ReportsSent);
        Assert.Equal(0, figures.GenuineRevoked);
        Assert.Equal(0, figures.ModelsRevoked);
        Assert.True(figures.Frames > 1000, $"{figures.Frames} frames");
    }
}
