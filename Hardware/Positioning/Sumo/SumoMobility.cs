using System.Globalization;

namespace Hardware.Positioning.Sumo;

/// <summary>
/// Vehicle mobility from SUMO over TraCI: each step (Simulation Step to the next step time) returns the subscribed
/// simulation variables (time, departed and arrived vehicles) and every running vehicle's position, speed, angle and
/// acceleration; departed vehicles are subscribed at once, positions converted to WGS-84 with the net's projection
/// (TraCI position conversion), SUMO's angle (grid north) turned into a true heading with the grid convergence measured
/// at start. Each vehicle is a <see cref="SumoVehicle"/> position source; <see cref="VehicleJoined"/> and
/// <see cref="VehicleLeft"/> are raised (on the stepping thread) as vehicles depart and arrive. The simulation time
/// drives <see cref="Clock"/>; <see cref="RunAsync"/> paces the steps against the wall clock.
/// </summary>
public sealed class SumoMobility
{
    private readonly TraciClient _client;
    private readonly SumoMobilityOptions _options;
    private readonly Dictionary<string, SumoVehicle> _vehicles = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private SumoMobility(TraciClient client, SumoMobilityOptions options, double stepLength, double time, double convergence)
    {
        _client = client;
        _options = options;
        StepLength = stepLength;
        Time = time;
        GridConvergenceDegrees = convergence;
        Clock = new SimulationClock(options.Epoch);
        Clock.AdvanceTo(TimeSpan.FromSeconds(time));
    }

    /// <summary>A vehicle entered the simulation (its first fix is set).</summary>
    public event Action<SumoVehicle>? VehicleJoined;

    /// <summary>A vehicle left the simulation (its fix is invalid from now on).</summary>
    public event Action<SumoVehicle>? VehicleLeft;

    /// <summary>The clock simulation time drives: <see cref="SumoMobilityOptions.Epoch"/> plus <see cref="Time"/>.</summary>
    public SimulationClock Clock { get; }

    /// <summary>SUMO's step length, seconds.</summary>
    public double StepLength { get; }

    /// <summary>Simulation time reached, seconds.</summary>
    public double Time { get; private set; }

    /// <summary>The bearing of the net's y axis (grid north) from true north, degrees, added to SUMO's angles.</summary>
    public double GridConvergenceDegrees { get; }

    /// <summary>Steps taken.</summary>
    public long Steps { get; private set; }

    /// <summary>Vehicles that joined so far.</summary>
    public long Joined { get; private set; }

    /// <summary>Vehicles that left so far.</summary>
    public long Left { get; private set; }

    /// <summary>The most vehicles in the simulation at once so far.</summary>
    public int MostAtOnce { get; private set; }

    /// <summary>How far the paced run fell behind the wall clock at worst (0 when it kept up).</summary>
    public TimeSpan MaxLag { get; private set; }

    /// <summary>The vehicles in the simulation now.</summary>
    public IReadOnlyList<SumoVehicle> Vehicles
    {
        get
        {
            lock (_lock)
            {
                return [.. _vehicles.Values];
            }
        }
    }

    /// <summary>
    /// Reads the step length and time, subscribes the simulation variables and the vehicles already running, and
    /// measures the grid convergence at the net's origin.
    /// </summary>
    /// <exception cref="TraciException">The server's answers are malformed or refused.</exception>
    public static async Task<SumoMobility> StartAsync(TraciClient client, SumoMobilityOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var stepLength = await client.GetStepLengthAsync(cancellationToken).ConfigureAwait(false);
        var time = await client.GetTimeAsync(cancellationToken).ConfigureAwait(false);
        if (!double.IsFinite(time) || time < 0)
        {
            throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"SUMO reports the impossible time {time} s."));
        }

        // Grid convergence: the true bearing of 1 km along the net's y axis.
        var axis = await client.ConvertToGeoAsync([(0, 0), (0, 1000)], cancellationToken).ConfigureAwait(false);
        var convergence = SimulatedRoute.BearingDegrees(new Waypoint(axis[0].Latitude, axis[0].Longitude, 1), new Waypoint(axis[1].Latitude, axis[1].Longitude, 1));
        convergence = convergence > 180 ? convergence - 360 : convergence;
        await client.SubscribeSimulationAsync(cancellationToken).ConfigureAwait(false);
        var mobility = new SumoMobility(client, options, stepLength, time, convergence);
        var running = await client.GetVehicleIdsAsync(cancellationToken).ConfigureAwait(false);
        await mobility.JoinAsync(await client.SubscribeVehiclesAsync(running, cancellationToken).ConfigureAwait(false), [], cancellationToken).ConfigureAwait(false);
        return mobility;
    }

    /// <summary>
    /// One step: SUMO advances by its step length; vehicles that arrived leave, vehicles that departed join, every
    /// running vehicle's fix is updated, then the clock moves to the new simulation time.
    /// </summary>
    /// <returns>False when the simulation is over (no vehicle running and none to come).</returns>
    /// <exception cref="TraciException">The server's answer is malformed or refused.</exception>
    public async Task<bool> StepAsync(CancellationToken cancellationToken = default)
    {
        var step = await _client.SimulationStepAsync(Time + StepLength, cancellationToken).ConfigureAwait(false);
        if (step.Time < Time)
        {
            throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"SUMO's time went back from {Time} s to {step.Time} s."));
        }

        Time = step.Time;
        Steps++;
        var now = Clock.Epoch + TimeSpan.FromSeconds(Time);
        foreach (var id in step.Arrived)
        {
            SumoVehicle? gone;
            lock (_lock)
            {
                _vehicles.Remove(id, out gone);
            }

            if (gone is not null)
            {
                gone.Leave(now);
                Left++;
                VehicleLeft?.Invoke(gone);
            }
        }

        var departed = await _client.SubscribeVehiclesAsync([.. step.Departed.Where(id => !step.Arrived.Contains(id))], cancellationToken).ConfigureAwait(false);
        await JoinAsync(departed, step.Vehicles, cancellationToken).ConfigureAwait(false);
        Clock.AdvanceTo(TimeSpan.FromSeconds(Time));
        int count;
        lock (_lock)
        {
            count = _vehicles.Count;
        }

        MostAtOnce = Math.Max(MostAtOnce, count);
        return count > 0 || await _client.GetMinExpectedVehiclesAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>
    /// Steps until <paramref name="duration"/> of simulation time has passed (null: until the simulation is over),
    /// one step per StepLength / Pacing of wall time (unpaced at pacing 0).
    /// </summary>
    /// <returns>False when the simulation ended first.</returns>
    /// <exception cref="TraciException">The server's answer is malformed or refused.</exception>
    public async Task<bool> RunAsync(TimeSpan? duration, CancellationToken cancellationToken = default)
    {
        var wall = _options.Wall;
        var wallStart = wall.GetTimestamp();
        var simStart = Time;
        var end = duration is { } d ? simStart + d.TotalSeconds : double.PositiveInfinity;
        while (Time + (StepLength / 2) < end)
        {
            if (!await StepAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            if (_options.Pacing > 0)
            {
                var due = TimeSpan.FromSeconds((Time - simStart) / _options.Pacing);
                var elapsed = wall.GetElapsedTime(wallStart);
                if (due > elapsed)
                {
                    await Task.Delay(due - elapsed, wall, cancellationToken).ConfigureAwait(false);
                }
                else if (elapsed - due > MaxLag)
                {
                    MaxLag = elapsed - due;
                }
            }
        }

        return true;
    }

    // Converts every reported vehicle's position in one request, updates the known ones and adds the new ones.
    private async Task JoinAsync(IReadOnlyList<TraciVehicle> departed, IReadOnlyList<TraciVehicle> running, CancellationToken cancellationToken)
    {
        var all = running.Concat(departed).ToList();
        var geo = await _client.ConvertToGeoAsync([.. all.Select(v => (v.X, v.Y))], cancellationToken).ConfigureAwait(false);
        var now = Clock.Epoch + TimeSpan.FromSeconds(Time);
        var joined = new List<SumoVehicle>();
        for (var i = 0; i < all.Count; i++)
        {
            var state = all[i];
            SumoVehicle? vehicle;
            lock (_lock)
            {
                if (!_vehicles.TryGetValue(state.Id, out vehicle))
                {
                    vehicle = new SumoVehicle(state.Id, now);
                    _vehicles.Add(state.Id, vehicle);
                    joined.Add(vehicle);
                }
            }

            var heading = ((state.Angle + GridConvergenceDegrees) % 360 + 360) % 360;
            vehicle.Update(state, geo[i].Longitude, geo[i].Latitude, heading, now);
        }

        foreach (var vehicle in joined)
        {
            Joined++;
            VehicleJoined?.Invoke(vehicle);
        }
    }
}
