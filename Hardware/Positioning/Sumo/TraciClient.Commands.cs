using System.Globalization;

namespace Hardware.Positioning.Sumo;

/// <summary>The commands (TraCI/Control-related commands, Vehicle and Simulation value retrieval, Object variable subscription).</summary>
public sealed partial class TraciClient
{
    // The variables subscribed for every vehicle, in this order.
    private static readonly byte[] VehicleVariables = [TraciVariable.Position, TraciVariable.Speed, TraciVariable.Angle, TraciVariable.Acceleration];

    // The simulation variables subscribed once: time, vehicles entering and leaving.
    private static readonly byte[] SimulationVariables = [TraciVariable.Time, TraciVariable.DepartedVehicleIds, TraciVariable.ArrivedVehicleIds];

    // Subscriptions last "until the end": SUMO's INVALID_DOUBLE_VALUE as end time.
    private const double SubscriptionEnd = -1073741824.0;

    /// <summary>Get Version (command 0x00): API version and server name.</summary>
    /// <exception cref="TraciException">A malformed answer or a status error.</exception>
    public async Task<TraciVersion> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        TraciVersion? version = null;
        await Exchange(new TraciWriter().Command(TraciCommand.GetVersion), (_, _, r) =>
        {
            var response = ResponseCommand(r, TraciCommand.GetVersion);
            version = new TraciVersion(response.ReadInt(), response.ReadString());
            End(response, "the version");
        }, cancellationToken).ConfigureAwait(false);
        return version!;
    }

    /// <summary>The simulation step length in seconds (simulation variable 0x7B).</summary>
    /// <exception cref="TraciException">A malformed answer or a status error.</exception>
    public async Task<double> GetStepLengthAsync(CancellationToken cancellationToken = default)
    {
        var value = await GetSimulationDoubleAsync(TraciVariable.DeltaT, cancellationToken).ConfigureAwait(false);
        return value > 0 && double.IsFinite(value) ? value : throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"SUMO reports a step length of {value} s."));
    }

    /// <summary>The current simulation time in seconds (simulation variable 0x66).</summary>
    /// <exception cref="TraciException">A malformed answer or a status error.</exception>
    public Task<double> GetTimeAsync(CancellationToken cancellationToken = default) => GetSimulationDoubleAsync(TraciVariable.Time, cancellationToken);

    /// <summary>Vehicles running or still to be inserted (0x7D): 0 when the simulation has nothing more to do.</summary>
    /// <exception cref="TraciException">A malformed answer or a status error.</exception>
    public async Task<int> GetMinExpectedVehiclesAsync(CancellationToken cancellationToken = default)
    {
        var value = 0;
        await Exchange(new TraciWriter().Command(TraciCommand.GetSimulationVariable, w => w.UByte(TraciVariable.MinExpectedVehicles).String(string.Empty)), (_, _, r) =>
        {
            var response = VariableResponse(r, TraciCommand.SimulationVariableResponse, TraciVariable.MinExpectedVehicles, string.Empty);
            value = response.ReadTypedInt("expected vehicles");
            End(response, "expected vehicles");
        }, cancellationToken).ConfigureAwait(false);
        return value;
    }

    /// <summary>The vehicles in the network now (vehicle variable 0x00).</summary>
    /// <exception cref="TraciException">A malformed answer or a status error.</exception>
    public async Task<IReadOnlyList<string>> GetVehicleIdsAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> ids = [];
        await Exchange(new TraciWriter().Command(TraciCommand.GetVehicleVariable, w => w.UByte(TraciVariable.IdList).String(string.Empty)), (_, _, r) =>
        {
            var response = VariableResponse(r, TraciCommand.VehicleVariableResponse, TraciVariable.IdList, string.Empty);
            ids = response.ReadTypedStringList("vehicle ids");
            End(response, "vehicle ids");
        }, cancellationToken).ConfigureAwait(false);
        return ids;
    }

    /// <summary>
    /// Subscribes the simulation's time, departed and arrived vehicle ids (command 0xDB), which every
    /// <see cref="SimulationStepAsync"/> then returns.
    /// </summary>
    /// <exception cref="TraciException">A malformed answer or a status error.</exception>
    public Task SubscribeSimulationAsync(CancellationToken cancellationToken = default) =>
        Exchange(new TraciWriter().Command(TraciCommand.SubscribeSimulationVariable, w => Subscription(w, string.Empty, SimulationVariables)),
            (_, _, r) => ReadSimulationSubscription(SubscriptionResponse(r, TraciCommand.SimulationSubscriptionResponse)), cancellationToken);

    /// <summary>
    /// Subscribes position, speed, angle and acceleration of each vehicle (command 0xD4, one per vehicle in one message)
    /// and returns their current values; every later step returns them until the vehicle leaves.
    /// </summary>
    /// <exception cref="TraciException">A malformed answer, a status error (e.g. an unknown vehicle).</exception>
    public async Task<IReadOnlyList<TraciVehicle>> SubscribeVehiclesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        var request = new TraciWriter();
        foreach (var id in ids)
        {
            request.Command(TraciCommand.SubscribeVehicleVariable, w => Subscription(w, id, VehicleVariables));
        }

        var vehicles = new TraciVehicle[ids.Count];
        await Exchange(request, (i, _, r) =>
        {
            var vehicle = ReadVehicleSubscription(SubscriptionResponse(r, TraciCommand.VehicleSubscriptionResponse));
            vehicles[i] = vehicle.Id == ids[i]
                ? vehicle
                : throw new TraciException($"Subscribed vehicle '{ids[i]}', got values of '{vehicle.Id}'.");
        }, cancellationToken).ConfigureAwait(false);
        return vehicles;
    }

    /// <summary>
    /// Simulation Step (command 0x02) up to <paramref name="targetTime"/> seconds (one step when it is 0 or not
    /// ahead of the current time), returning the subscriptions' values.
    /// </summary>
    /// <exception cref="TraciException">A malformed answer, a status error, or no simulation-time subscription.</exception>
    public async Task<TraciStep> SimulationStepAsync(double targetTime, CancellationToken cancellationToken = default)
    {
        if (!double.IsFinite(targetTime) || targetTime < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(targetTime), "The target time is a finite number of seconds, at least 0.");
        }

        TraciStep? step = null;
        await Exchange(new TraciWriter().Command(TraciCommand.SimulationStep, w => w.Double(targetTime)), (_, _, r) =>
        {
            var count = r.ReadInt();
            if (count < 0 || count > r.Remaining / 2)
            {
                throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"{count} subscription responses cannot fit in the {r.Remaining} bytes left."));
            }

            (double Time, IReadOnlyList<string> Departed, IReadOnlyList<string> Arrived)? simulation = null;
            var vehicles = new List<TraciVehicle>(count);
            for (var i = 0; i < count; i++)
            {
                var sub = r.ReadCommand();
                var id = sub.ReadUByte();
                switch (id)
                {
                    case TraciCommand.VehicleSubscriptionResponse:
                        vehicles.Add(ReadVehicleSubscription(sub));
                        break;
                    case TraciCommand.SimulationSubscriptionResponse:
                        simulation = simulation is null ? ReadSimulationSubscription(sub) : throw new TraciException("Two simulation subscription responses in one step.");
                        break;
                    default:
                        throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"Unexpected subscription response 0x{id:X2} in a step."));
                }
            }

            var s = simulation ?? throw new TraciException("The step's answer has no simulation subscription (call SubscribeSimulationAsync first).");
            step = new TraciStep(s.Time, s.Departed, s.Arrived, vehicles);
        }, cancellationToken).ConfigureAwait(false);
        return step!;
    }

    /// <summary>
    /// Converts network positions to WGS-84 longitude/latitude with the net's projection (simulation variable 0x82,
    /// one command per point in one message).
    /// </summary>
    /// <exception cref="TraciException">A malformed answer or a status error (e.g. a net without a projection).</exception>
    public async Task<IReadOnlyList<(double Longitude, double Latitude)>> ConvertToGeoAsync(IReadOnlyList<(double X, double Y)> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return [];
        }

        var request = new TraciWriter();
        foreach (var (x, y) in points)
        {
            // Content: variable, object id "", compound of 2: the 2D position and the wanted type (ubyte POSITION_LON_LAT).
            request.Command(TraciCommand.GetSimulationVariable, w => w.UByte(TraciVariable.PositionConversion).String(string.Empty)
                .UByte(TraciType.Compound).Int(2).UByte(TraciType.Position2D).Double(x).Double(y).UByte(TraciType.UByte).UByte(TraciType.PositionLonLat));
        }

        var result = new (double, double)[points.Count];
        await Exchange(request, (i, _, r) =>
        {
            var response = VariableResponse(r, TraciCommand.SimulationVariableResponse, TraciVariable.PositionConversion, string.Empty);
            response.ExpectType(TraciType.PositionLonLat, "a converted position");
            var lon = response.ReadDouble();
            var lat = response.ReadDouble();
            End(response, "a converted position");
            result[i] = Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180
                ? (lon, lat)
                : throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"SUMO converted ({points[i].X}, {points[i].Y}) to an impossible lon/lat ({lon}, {lat})."));
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Close (command 0x7F): SUMO ends the simulation; the connection is closed afterwards.</summary>
    /// <exception cref="TraciException">A malformed answer or a status error.</exception>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        await Exchange(new TraciWriter().Command(TraciCommand.Close), (_, _, _) => { }, cancellationToken).ConfigureAwait(false);
        _closed = true;
        _tcp.Dispose();
    }

    private async Task<double> GetSimulationDoubleAsync(byte variable, CancellationToken cancellationToken)
    {
        var value = 0.0;
        await Exchange(new TraciWriter().Command(TraciCommand.GetSimulationVariable, w => w.UByte(variable).String(string.Empty)), (_, _, r) =>
        {
            var response = VariableResponse(r, TraciCommand.SimulationVariableResponse, variable, string.Empty);
            value = response.ReadTypedDouble("a simulation variable");
            End(response, "a simulation variable");
        }, cancellationToken).ConfigureAwait(false);
        return value;
    }

    // Subscription content (TraCI/Object Variable Subscription): begin, end, object id, variable count, variables.
    private static void Subscription(TraciWriter w, string id, byte[] variables)
    {
        w.Double(0).Double(SubscriptionEnd).String(id).UByte((byte)variables.Length);
        foreach (var v in variables)
        {
            w.UByte(v);
        }
    }

    private static TraciReader ResponseCommand(TraciReader r, byte expected)
    {
        var response = r.ReadCommand();
        var id = response.ReadUByte();
        return id == expected ? response : throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"Expected response command 0x{expected:X2}, got 0x{id:X2}."));
    }

    private static TraciReader SubscriptionResponse(TraciReader r, byte expected) => ResponseCommand(r, expected);

    // Get-variable response: [variable][object id][typed value].
    private static TraciReader VariableResponse(TraciReader r, byte responseId, byte variable, string objectId)
    {
        var response = ResponseCommand(r, responseId);
        var v = response.ReadUByte();
        var id = response.ReadString();
        if (v != variable || id != objectId)
        {
            throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"Asked variable 0x{variable:X2} of '{objectId}', got 0x{v:X2} of '{id}'."));
        }

        return response;
    }

    // Subscription response: [object id][variable count][(variable, status, typed value) ...]; a status other than OK carries a typed string.
    private static TraciVehicle ReadVehicleSubscription(TraciReader r)
    {
        var id = r.ReadString();
        double? x = null, y = null, speed = null, angle = null, accel = null;
        ForEachVariable(r, id, (variable, value) =>
        {
            switch (variable)
            {
                case TraciVariable.Position: (x, y) = value.ReadTypedPosition($"position of {id}"); break;
                case TraciVariable.Speed: speed = value.ReadTypedDouble($"speed of {id}"); break;
                case TraciVariable.Angle: angle = value.ReadTypedDouble($"angle of {id}"); break;
                case TraciVariable.Acceleration: accel = value.ReadTypedDouble($"acceleration of {id}"); break;
                default: throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"Vehicle {id}: variable 0x{variable:X2} was not subscribed."));
            }
        });
        End(r, $"vehicle {id}'s subscription");
        if (x is null || speed is null || angle is null || accel is null)
        {
            throw new TraciException($"Vehicle {id}'s subscription response lacks a subscribed variable.");
        }

        if (!double.IsFinite(x.Value) || !double.IsFinite(y!.Value) || !double.IsFinite(speed.Value) || !double.IsFinite(angle.Value) || !double.IsFinite(accel.Value))
        {
            throw new TraciException($"Vehicle {id} has a value that is not a finite number.");
        }

        return new TraciVehicle(id, x.Value, y.Value, speed.Value, angle.Value, accel.Value);
    }

    private static (double Time, IReadOnlyList<string> Departed, IReadOnlyList<string> Arrived) ReadSimulationSubscription(TraciReader r)
    {
        var id = r.ReadString();
        double? time = null;
        IReadOnlyList<string>? departed = null, arrived = null;
        ForEachVariable(r, id, (variable, value) =>
        {
            switch (variable)
            {
                case TraciVariable.Time: time = value.ReadTypedDouble("simulation time"); break;
                case TraciVariable.DepartedVehicleIds: departed = value.ReadTypedStringList("departed vehicles"); break;
                case TraciVariable.ArrivedVehicleIds: arrived = value.ReadTypedStringList("arrived vehicles"); break;
                default: throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"Simulation variable 0x{variable:X2} was not subscribed."));
            }
        });
        End(r, "the simulation subscription");
        if (time is not { } t || departed is null || arrived is null || !double.IsFinite(t) || t < 0)
        {
            throw new TraciException("The simulation subscription response lacks time, departed or arrived vehicles, or has an impossible time.");
        }

        return (t, departed, arrived);
    }

    private static void ForEachVariable(TraciReader r, string id, Action<byte, TraciReader> read)
    {
        var count = r.ReadUByte();
        for (var i = 0; i < count; i++)
        {
            var variable = r.ReadUByte();
            var status = r.ReadUByte();
            if (status != TraciCommand.StatusOk)
            {
                r.ExpectType(TraciType.String, "a subscription error");
                throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"SUMO could not read variable 0x{variable:X2} of '{id}': {r.ReadString()}"));
            }

            read(variable, r);
        }
    }

    private static void End(TraciReader r, string what)
    {
        if (r.Remaining != 0)
        {
            throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"{r.Remaining} unexpected bytes after {what}."));
        }
    }
}
