using Hardware.Positioning;
using Hardware.Positioning.Sumo;

namespace Hardware.Tests.Positioning.Sumo;

/// <summary>
/// The TraCI client against a real <c>sumo</c> (Debian package sumo) on loopback, started on a free port on the bench's
/// scenarios (Bench/Scenarios/Sumo). SUMO's time is simulated: the tests step it, nothing waits for wall time.
/// </summary>
public class TraciClientTests
{
    [Fact]
    public async Task Get_version_names_sumo_and_its_api()
    {
        await using var sumo = await SumoScenarios.StartAsync("urban");

        var version = await sumo.Client.GetVersionAsync();
        Assert.Equal(version, sumo.Version);

        Assert.StartsWith("SUMO ", version.Identifier, StringComparison.Ordinal);
        Assert.True(version.ApiVersion >= 20, $"TraCI API {version.ApiVersion}: the double step times and subscriptions of API 20 are used");
        Assert.Equal(0.1, await sumo.Client.GetStepLengthAsync(), 9);
    }

    [Fact]
    public async Task Steps_advance_time_and_vehicles_depart_and_arrive()
    {
        await using var sumo = await SumoScenarios.StartAsync("motorway");
        var client = sumo.Client;
        await client.SubscribeSimulationAsync();
        var departed = new List<string>();
        var arrived = new List<string>();
        var subscribed = new HashSet<string>(StringComparer.Ordinal);
        TraciStep? step = null;

        // 90 s of simulation in 1 s steps (each a target time, SUMO runs the 0.1 s steps in between).
        for (var t = 1; t <= 90; t++)
        {
            step = await client.SimulationStepAsync(t);
            Assert.Equal(t, step.Time, 6);
            departed.AddRange(step.Departed);
            arrived.AddRange(step.Arrived);
            await client.SubscribeVehiclesAsync([.. step.Departed.Where(subscribed.Add)]);
            Assert.All(step.Vehicles, v => Assert.Contains(v.Id, subscribed));
            Assert.DoesNotContain(step.Vehicles, v => arrived.Contains(v.Id));
        }

        // 3000 vehicles/h each way: about 150 in 90 s; the first ones drive the 2.3 km in about 70 s.
        Assert.InRange(departed.Count, 140, 160);
        Assert.NotEmpty(arrived);
        Assert.All(arrived, id => Assert.Contains(id, departed));
        var running = await client.GetVehicleIdsAsync();
        Assert.Equal(departed.Except(arrived).Order(StringComparer.Ordinal), running.Order(StringComparer.Ordinal));
        Assert.Equal(running.Count, step!.Vehicles.Count + step.Departed.Count);
        Assert.True(running.Count >= 100, $"{running.Count} vehicles at once");
    }

    [Theory]
    [InlineData("motorway")]
    [InlineData("urban")]
    public async Task Geo_conversion_matches_the_nets_projection(string scenario)
    {
        // The plain nodes were written in WGS-84 and projected by netconvert (UTM zone 32): SUMO's conversion of each
        // junction's network position must give the written longitude/latitude back (1e-6 degrees: about 0.1 m).
        var written = SumoScenarios.PlainNodes(scenario);
        var built = SumoScenarios.Junctions(scenario);
        await using var sumo = await SumoScenarios.StartAsync(scenario);

        var ids = written.Keys.Order(StringComparer.Ordinal).ToList();
        var geo = await sumo.Client.ConvertToGeoAsync([.. ids.Select(id => built[id])]);

        for (var i = 0; i < ids.Count; i++)
        {
            Assert.Equal(written[ids[i]].Longitude, geo[i].Longitude, 1e-6);
            Assert.Equal(written[ids[i]].Latitude, geo[i].Latitude, 1e-6);
        }
    }

    [Fact]
    public async Task Mobility_positions_are_plausible_and_move_and_the_clock_follows_simulation_time()
    {
        await using var sumo = await SumoScenarios.StartAsync("motorway");
        var epoch = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        var mobility = await SumoMobility.StartAsync(sumo.Client, new SumoMobilityOptions { Epoch = epoch, Pacing = 0 });
        var joined = new List<SumoVehicle>();
        var left = new List<SumoVehicle>();
        mobility.VehicleJoined += joined.Add;
        mobility.VehicleLeft += left.Add;
        var timerFiredAt = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = mobility.Clock.CreateTimer(_ => timerFiredAt.TrySetResult(mobility.Clock.GetUtcNow()), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);

        Assert.True(await mobility.RunAsync(TimeSpan.FromSeconds(20)));
        Assert.False(timerFiredAt.Task.IsCompleted, "the 30 s timer fired by 20 s of simulation time");
        var first = joined[0];
        var at20 = first.Read();
        Assert.True(await mobility.RunAsync(TimeSpan.FromSeconds(60)));
        var at80 = mobility.Vehicles.Contains(first) ? first.Read() : null;

        Assert.Equal(80, mobility.Time, 6);
        Assert.Equal(epoch + TimeSpan.FromSeconds(80), mobility.Clock.GetUtcNow());
        // Due at 30 s of simulation time: queued with the clock standing there, the callback reads the clock when the
        // thread pool runs it, by which time the unpaced simulation may have stepped on (it once read 30.2 s).
        Assert.InRange(await timerFiredAt.Task.WaitAsync(SumoScenarios.Timeout), epoch + TimeSpan.FromSeconds(30), epoch + TimeSpan.FromSeconds(80));

        // Every fix lies on the stretch (its WGS-84 bounding box, origBoundary of the net, plus a lane's width).
        Assert.All(mobility.Vehicles.Select(v => v.Read()), f =>
        {
            Assert.True(f.IsValid);
            Assert.InRange(f.LatitudeDegrees, 48.2149, 48.2341);
            Assert.InRange(f.LongitudeDegrees, 11.6139, 11.6261);
            Assert.InRange(f.SpeedMetersPerSecond!.Value, 0, 45);
            Assert.Equal(epoch + TimeSpan.FromSeconds(80), f.FixTime);
        });

        // The first vehicle drove north-east along the carriageway (true bearing of the road: about 22.7 degrees).
        var road = SimulatedRoute.BearingDegrees(new Waypoint(48.215, 11.614, 1), new Waypoint(48.234, 11.626, 1));
        Assert.True(at20.IsValid);
        Assert.InRange(at20.HeadingDegrees!.Value, road - 1.5, road + 1.5);
        Assert.InRange(at20.SpeedMetersPerSecond!.Value, 20, 45);
        Assert.InRange(mobility.GridConvergenceDegrees, 1.5, 2.5);

        // It left at the end of the stretch: its source went invalid, and vehicles joined and left in order.
        Assert.Null(at80);
        Assert.Contains(first, left);
        Assert.False(first.Read().IsValid);
        Assert.NotNull(first.LeftAt);
        Assert.Equal(mobility.Joined, joined.Count);
        Assert.Equal(mobility.Left, left.Count);
        Assert.Equal(joined.Count - left.Count, mobility.Vehicles.Count);
        Assert.True(mobility.MostAtOnce >= 100, $"{mobility.MostAtOnce} at once");
    }

    [Fact]
    public async Task A_vehicle_moves_between_steps_by_its_speed()
    {
        await using var sumo = await SumoScenarios.StartAsync("urban");
        var mobility = await SumoMobility.StartAsync(sumo.Client, new SumoMobilityOptions { Epoch = DateTimeOffset.UnixEpoch, Pacing = 0 });
        await mobility.RunAsync(TimeSpan.FromSeconds(5));
        var vehicle = mobility.Vehicles[0];
        var before = vehicle.Read();

        await mobility.RunAsync(TimeSpan.FromSeconds(1));
        var after = vehicle.Read();

        var moved = SimulatedRoute.DistanceMeters(new Waypoint(before.LatitudeDegrees, before.LongitudeDegrees, 1), new Waypoint(after.LatitudeDegrees, after.LongitudeDegrees, 1));
        var expected = (before.SpeedMetersPerSecond!.Value + after.SpeedMetersPerSecond!.Value) / 2;
        Assert.True(expected > 1, $"the vehicle drives ({expected} m/s)");
        Assert.InRange(moved, expected * 0.7, expected * 1.3);
    }

    [Fact]
    public async Task Sumo_that_is_not_installed_or_a_missing_configuration_is_a_typed_error()
    {
        var missing = await Assert.ThrowsAsync<SumoException>(() => SumoProcess.StartAsync(SumoScenarios.Config("motorway"), SumoScenarios.Timeout, executable: "/nonexistent/sumo"));
        var noConfig = await Assert.ThrowsAsync<SumoException>(() => SumoProcess.StartAsync("/nonexistent/x.sumocfg", SumoScenarios.Timeout));
        var noPath = SumoProcess.FindExecutable(v => v == "PATH" ? "/nonexistent" : null);

        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Contains("x.sumocfg", noConfig.Message, StringComparison.Ordinal);
        Assert.Null(noPath);
    }

    [Fact]
    public async Task A_configuration_sumo_rejects_is_a_typed_error_with_sumos_reason()
    {
        var folder = Testing.TestInfra.NewTempDirectory("sumo-bad");
        var config = Path.Combine(folder, "bad.sumocfg");
        await File.WriteAllTextAsync(config, "<configuration><input><net-file value=\"missing.net.xml\"/></input></configuration>");

        var e = await Assert.ThrowsAsync<SumoException>(() => SumoProcess.StartAsync(config, SumoScenarios.Timeout));

        Assert.Contains("missing.net.xml", e.Message, StringComparison.Ordinal);
    }
}
