using Bench.Demo;
using Bench.Mobility;
using Bench.Reporting;
using Bench.Tls;
using Firmware.Application.Misbehaviour;
using PkiProtocol.Misbehaviour;
using Testing;
using V2x.Security;
using V2x.Security.Crypto;

namespace Bench.Tests.Mobility;

/// <summary>
/// The SUMO run's misbehaviour check (<c>no-genuine-reported</c>, Bench/Mobility/SumoBench.Misbehaviour.cs) against the
/// bench PKI's real misbehaviour authority and store: it holds on a clean run and fails on a receiver's finding about a
/// genuine vehicle and on a station revoked for anything but its own reported compromise.
/// </summary>
public sealed class SumoMisbehaviourCheckTests : IAsyncLifetime
{
    private readonly string _folder = TestInfra.NewTempDirectory("bench-sumo-mbr");
    private DemoTls _tls = null!;
    private DemoPki _pki = null!;

    public async Task InitializeAsync()
    {
        _tls = DemoTls.Create(_folder);
        _pki = await DemoPki.StartAsync(Path.Combine(_folder, "pki"), TimeProvider.System, _tls, CancellationToken.None);
        using var canonical = EcdsaP256SignatureKey.Generate();
        _pki.Register("obu-1", canonical.PublicKey, DemoPki.ObuIdf);
    }

    public async Task DisposeAsync()
    {
        await _pki.DisposeAsync();
        _tls.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_run_without_findings_reports_or_revocations_holds()
    {
        using var ledger = new DecisionLedger();

        var check = SumoBench.NoGenuineReported(ledger, _pki);

        Assert.True(check.Passed, check.Detail);
        Assert.StartsWith("no genuine station is found by the receivers' misbehaviour detection", check.Name, StringComparison.Ordinal);
        Assert.Empty(SumoBench.RevokedForOwnCompromise(_pki));
    }

    [Fact]
    public void A_receivers_finding_about_a_genuine_vehicle_fails_it()
    {
        using var ledger = new DecisionLedger();
        ledger.RecordFinding("obu-2", new MisbehaviourFinding(MbrObservation.TwoSendersOnePlace, new HashedId8(0x0102030405060708), DateTimeOffset.UnixEpoch,
            "3.0 m from another ticket heard at the same instant", [], (48.1, 11.6)));

        var check = SumoBench.NoGenuineReported(ledger, _pki);

        Assert.False(check.Passed);
        Assert.Contains("1 findings, e.g. obu-2", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_station_revoked_for_another_reason_than_its_own_compromise_fails_it()
    {
        using var ledger = new DecisionLedger();
        _pki.Pki.Revocations.RevokeStation("obu-1", "an investigator's decision");

        var check = SumoBench.NoGenuineReported(ledger, _pki);

        Assert.False(check.Passed);
        Assert.Contains("stations revoked: obu-1 (an investigator's decision)", check.Detail, StringComparison.Ordinal);
        Assert.Empty(SumoBench.RevokedForOwnCompromise(_pki));
    }

    [Fact]
    public void The_ghosts_findings_and_revocation_are_not_counted_but_a_genuine_vehicles_finding_beside_them_still_fails_it()
    {
        using var ledger = new DecisionLedger();
        var ghostTicket = new HashedId8(0x1111111111111111);
        ledger.AddTicket(ghostTicket, "ghost-1", SenderKind.Ghost);
        ledger.RecordFinding("obu-2", new MisbehaviourFinding(MbrObservation.SpeedValueTooLarge, ghostTicket, DateTimeOffset.UnixEpoch, "speed 120.0 m/s above 83.4 m/s", [], (48.1, 11.6)));
        using var canonical = EcdsaP256SignatureKey.Generate();
        _pki.Register("ghost-1", canonical.PublicKey, DemoPki.ObuIdf);
        _pki.Pki.Revocations.RevokeStation("ghost-1", "global detection: 3 stations observed its tickets misbehave");
        HashSet<string> ghosts = ["ghost-1"];

        var ghostOnly = SumoBench.NoGenuineReported(ledger, _pki, ghosts);
        var counted = SumoBench.NoGenuineReported(ledger, _pki);
        ledger.RecordFinding("obu-3", new MisbehaviourFinding(MbrObservation.TwoSendersOnePlace, new HashedId8(0x0102030405060708), DateTimeOffset.UnixEpoch,
            "1.0 m from ticket 1111111111111111 heard at the same instant", [], (48.1, 11.6)));
        var genuine = SumoBench.NoGenuineReported(ledger, _pki, ghosts);

        Assert.True(ghostOnly.Passed, ghostOnly.Detail);
        Assert.Contains("the ghost (ghost-1) is the attack's, not counted", ghostOnly.Detail, StringComparison.Ordinal);
        Assert.False(counted.Passed);
        Assert.False(genuine.Passed);
        Assert.Contains("1 findings, e.g. obu-3 about 0102030405060708: TwoSendersOnePlace", genuine.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compromised_models_stations_revoked_model_wide_are_not_counted_but_a_genuine_finding_or_another_revoked_station_still_fails_it()
    {
        using var ledger = new DecisionLedger();
        var model = new PkiProtocol.Audit.IdfImplementation(DemoPki.ObuIdf.Vendor, "IntegrityGuard", "0.9");
        foreach (var name in new[] { "obu-7", "obu-8", "obu-9" })
        {
            using var key = EcdsaP256SignatureKey.Generate();
            _pki.Register(name, key.PublicKey, model);
            _pki.Pki.Revocations.RevokeStation(name, "its own anomaly reports");
        }

        _pki.Pki.Revocations.RevokeImplementation(model.Vendor, model.Product, new PkiProtocol.Audit.VersionRange(model.Version, model.Version), null, "global detection: 3 stations flagged");
        HashSet<string> stations = ["obu-7", "obu-8", "obu-9"];
        var target = $"{model.Model}@{model.Version}";

        var excused = SumoBench.NoGenuineReported(ledger, _pki, null, stations, target);
        var counted = SumoBench.NoGenuineReported(ledger, _pki);
        var notAllOfThem = SumoBench.NoGenuineReported(ledger, _pki, null, new HashSet<string>(["obu-7", "obu-8"]), target);
        ledger.RecordFinding("obu-3", new MisbehaviourFinding(MbrObservation.TwoSendersOnePlace, new HashedId8(0x0102030405060708), DateTimeOffset.UnixEpoch,
            "1.0 m from another ticket heard at the same instant", [], (48.1, 11.6)));
        var genuine = SumoBench.NoGenuineReported(ledger, _pki, null, stations, target);

        Assert.True(excused.Passed, excused.Detail);
        Assert.Contains("the compromised model's stations (obu-7, obu-8, obu-9), revoked with", excused.Detail, StringComparison.Ordinal);
        Assert.False(counted.Passed);
        Assert.Contains("stations revoked: obu-7", counted.Detail, StringComparison.Ordinal);
        Assert.False(notAllOfThem.Passed);
        Assert.Contains("stations revoked: obu-9", notAllOfThem.Detail, StringComparison.Ordinal);
        Assert.False(genuine.Passed);
        Assert.Contains("1 findings, e.g. obu-3 about 0102030405060708: TwoSendersOnePlace", genuine.Detail, StringComparison.Ordinal);
    }
}
