using System.Globalization;
using Bench.Attacks;
using Bench.Demo;
using Bench.Stations;
using Hardware.Positioning.Sumo;
using V2x.Security.Crypto;

namespace Bench.Mobility;

/// <summary>
/// The SUMO run's attacks that need more of the bench: the floods read the OBUs on the air (Bench/Attacks/SumoAttackRun.Floods.cs)
/// and a valid-ticket flooder gets its tickets from the run's PKI; a posture turning critical (Docs/bench.md, "Posture in SUMO") needs the demo's posture server
/// (<see cref="DemoPosture"/>) beside the PKI, every OBU polling it every <see cref="SumoSettings.PosturePeriod"/> (a
/// real exchange, signed by its enrolment credential and encrypted for the server's certificate), the target's OBU
/// running the outdated library.
/// </summary>
public sealed partial class SumoBench
{
    private SumoAttackRun? _attackRun;
    private DemoPosture? _posture;

    // The attacks' access to the run; the posture server when the run has a posture attack (null: none; the OBUs poll nothing).
    private async Task<DemoPosture?> StartPostureAsync(DemoPki pki, EcdsaP256SignatureKey oemKey, SimulationClock clock, SumoAttackRun attacks, CancellationToken cancellationToken)
    {
        _attackRun = attacks;
        attacks.UseFloods(pki, ObusOnAir);
        if (!SumoAttackRun.NeedsPosture(_sumo.Attacks))
        {
            return null;
        }

        var posture = await DemoPosture.StartAsync(Path.Combine(_options.OutputDirectory, "posture"), pki, oemKey, clock, cancellationToken).ConfigureAwait(false);
        _posture = posture;
        attacks.UsePosture(posture, _sumo.PosturePeriod);
        await Say(string.Create(CultureInfo.InvariantCulture,
            $"posture server: {posture.Address} (SQLite {posture.DatabasePath}); the OBUs poll it every {_sumo.PosturePeriod.TotalSeconds:0.#} s, signed by their enrolment credentials, encrypted for its certificate; detection period {SumoAttackRun.PostureDetectionPeriod(_sumo.PosturePeriod).TotalSeconds:0.#} s"))
            .ConfigureAwait(false);
        return posture;
    }

    // An OBU's settings with the posture server to poll and its installed library (unchanged without a posture attack).
    private BenchObuSettings WithPosture(BenchObuSettings settings, string vehicle, RunContext run) => _posture is null || _attackRun is null
        ? settings
        : settings with
        {
            PostureServer = _posture.Client(run.Pki),
            PosturePeriod = _sumo.PosturePeriod,
            InstalledApplications = _attackRun.Installed(vehicle),
        };

    // The OBUs on the air now (the floods' receivers).
    private List<BenchObu> ObusOnAir()
    {
        lock (_lock)
        {
            return [.. _onRoad.Values.Where(s => s.OnAirAt is not null && s.Obu is not null).Select(s => s.Obu!)];
        }
    }
}
