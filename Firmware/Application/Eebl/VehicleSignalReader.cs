using Hardware.Can;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Firmware.Application.Eebl;

/// <summary>
/// Reads the vehicle's own CAN frames and maps them through the DBC (<see cref="VehicleSignals"/>): every decoded
/// signal is reported (<see cref="SignalDecoded"/>, the drive recording's CAN signals), and hard braking raises
/// <see cref="HardBraking"/> once per brake application: the brake pedal pressed while the longitudinal acceleration
/// is at or below minus <see cref="VehicleSignalReaderOptions.HardBrakingDeceleration"/> (the trigger of the EEBL
/// DENM: dangerousSituation, emergencyElectronicBrakeEngaged, TS 102 894-2). Releasing the pedal re-arms it. Frames
/// of other messages are ignored; a frame shorter than its message needs is logged and skipped (input from the bus
/// is never trusted to be well formed). Reading ends when the bus ends (a replayed log) or on cancellation.
/// </summary>
public sealed class VehicleSignalReader
{
    private readonly ICanBus _bus;
    private readonly VehicleSignals _signals;
    private readonly VehicleSignalReaderOptions _options;
    private readonly ILogger _log;
    private bool _pedal;
    private double? _acceleration;
    private bool _raised;

    /// <summary>Reads <paramref name="bus"/> with the signals of <paramref name="signals"/>.</summary>
    public VehicleSignalReader(ICanBus bus, VehicleSignals signals, VehicleSignalReaderOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(signals);
        _bus = bus;
        _signals = signals;
        _options = options ?? new VehicleSignalReaderOptions();
        _log = logger ?? NullLogger.Instance;
        if (!(_options.HardBrakingDeceleration > 0))
        {
            throw new ArgumentException("HardBrakingDeceleration is a positive number of m/s².", nameof(options));
        }
    }

    /// <summary>A signal decoded from a frame: name, value, unit.</summary>
    public event Action<string, double, string>? SignalDecoded;

    /// <summary>Hard braking began (once per brake application).</summary>
    public event Action? HardBraking;

    /// <summary>Frames skipped because they were shorter than their message.</summary>
    public int Malformed { get; private set; }

    /// <summary>Reads until the bus ends or the token is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            CanFrame frame;
            try
            {
                frame = await _bus.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (System.Threading.Channels.ChannelClosedException)
            {
                return;
            }

            IReadOnlyList<(string Name, double Value, string Unit)> decoded;
            try
            {
                decoded = _signals.Decode(frame);
            }
            catch (DbcException e)
            {
                Malformed++;
                _log.LogWarning("CAN frame 0x{Id:X} skipped: {Error}", frame.Id, e.Message);
                continue;
            }

            foreach (var (name, value, unit) in decoded)
            {
                SignalDecoded?.Invoke(name, value, unit);
                if (name == VehicleSignals.BrakePedal)
                {
                    _pedal = value >= 0.5;
                }
                else if (name == VehicleSignals.LongitudinalAcceleration)
                {
                    _acceleration = value;
                }
            }

            Evaluate();
        }
    }

    private void Evaluate()
    {
        if (!_pedal)
        {
            _raised = false;
            return;
        }

        if (!_raised && _acceleration is { } a && a <= -_options.HardBrakingDeceleration)
        {
            _raised = true;
            _log.LogInformation("Hard braking: {Acceleration} m/s² with the brake pedal pressed", a);
            HardBraking?.Invoke();
        }
    }
}
