using Hardware.Positioning;

namespace Firmware.Application.Composition;

/// <summary>
/// The CAM generation frequency management of ETSI EN 302 637-2 v1.4.1 §6.1.3, without DCC (T_GenCamDcc =
/// T_GenCamMin): checked every T_CheckCamGen, a CAM is generated when (1) at least T_GenCamDcc has passed
/// and the heading changed by more than 4°, the position by more than 4 m or the speed by more than
/// 0.5 m/s since the last CAM, or (2) at least T_GenCam has passed. T_GenCam starts at T_GenCamMax; a CAM
/// by condition 1 sets it to the time since the previous CAM; after N_GenCam consecutive CAMs by condition
/// 2 it returns to T_GenCamMax. The low-frequency container goes into the first CAM and then into a CAM
/// when 500 ms have passed since the last one that had it (§6.1.3, low-frequency container). Pure state:
/// the caller supplies the time and the fix.
/// </summary>
public sealed class CamGenerationRules
{
    /// <summary>T_GenCamMin: 100 ms (10 Hz at most).</summary>
    public static readonly TimeSpan GenCamMin = TimeSpan.FromMilliseconds(100);

    /// <summary>T_GenCamMax: 1000 ms (1 Hz at least).</summary>
    public static readonly TimeSpan GenCamMax = TimeSpan.FromMilliseconds(1000);

    /// <summary>T_CheckCamGen: the check period, not above T_GenCamMin.</summary>
    public static readonly TimeSpan CheckCamGen = TimeSpan.FromMilliseconds(100);

    /// <summary>N_GenCam: consecutive period-triggered CAMs before T_GenCam returns to T_GenCamMax.</summary>
    public const int NGenCam = 3;

    /// <summary>Heading change that triggers a CAM (degrees).</summary>
    public const double HeadingThresholdDegrees = 4;

    /// <summary>Position change that triggers a CAM (metres).</summary>
    public const double PositionThresholdMetres = 4;

    /// <summary>Speed change that triggers a CAM (m/s).</summary>
    public const double SpeedThresholdMetresPerSecond = 0.5;

    /// <summary>Interval of the low-frequency container.</summary>
    public static readonly TimeSpan LowFrequencyInterval = TimeSpan.FromMilliseconds(500);

    private PositionFix? _last;
    private DateTimeOffset _lastTime;
    private DateTimeOffset? _lastLowFrequency;
    private int _periodCams;

    /// <summary>The current T_GenCam.</summary>
    public TimeSpan GenCam { get; private set; } = GenCamMax;

    /// <summary>When the last CAM was generated, if any.</summary>
    public DateTimeOffset? LastGenerated => _last is null ? null : _lastTime;

    /// <summary>Whether to generate a CAM now (changes nothing; call <see cref="Generated"/> when it was sent).</summary>
    public CamTrigger Evaluate(DateTimeOffset now, PositionFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        if (!fix.IsValid)
        {
            return CamTrigger.NoFix;
        }

        if (_last is not { } last)
        {
            return CamTrigger.First;
        }

        var elapsed = now - _lastTime;
        if (elapsed >= GenCamMin)
        {
            if (HeadingChange(last.HeadingDegrees, fix.HeadingDegrees) > HeadingThresholdDegrees)
            {
                return CamTrigger.Heading;
            }

            if (GeoMath.DistanceMetres(last.LatitudeDegrees, last.LongitudeDegrees, fix.LatitudeDegrees, fix.LongitudeDegrees) > PositionThresholdMetres)
            {
                return CamTrigger.Position;
            }

            if (Math.Abs((fix.SpeedMetersPerSecond ?? 0) - (last.SpeedMetersPerSecond ?? 0)) > SpeedThresholdMetresPerSecond)
            {
                return CamTrigger.Speed;
            }
        }

        return elapsed >= GenCam && elapsed >= GenCamMin ? CamTrigger.Period : CamTrigger.None;
    }

    /// <summary>Whether the CAM generated now carries the low-frequency container.</summary>
    public bool IncludeLowFrequency(DateTimeOffset now) => _lastLowFrequency is not { } t || now - t >= LowFrequencyInterval;

    /// <summary>Records a CAM generated now for <paramref name="trigger"/> from <paramref name="fix"/>.</summary>
    public void Generated(DateTimeOffset now, PositionFix fix, CamTrigger trigger, bool lowFrequency)
    {
        ArgumentNullException.ThrowIfNull(fix);
        switch (trigger)
        {
            case CamTrigger.Heading or CamTrigger.Position or CamTrigger.Speed:
                GenCam = TimeSpan.FromTicks(Math.Clamp((now - _lastTime).Ticks, GenCamMin.Ticks, GenCamMax.Ticks));
                _periodCams = 0;
                break;
            case CamTrigger.Period:
                if (++_periodCams >= NGenCam)
                {
                    GenCam = GenCamMax;
                    _periodCams = 0;
                }

                break;
            case CamTrigger.First:
                break;
            default:
                throw new ArgumentException($"no CAM is generated for {trigger}", nameof(trigger));
        }

        _last = fix;
        _lastTime = now;
        if (lowFrequency)
        {
            _lastLowFrequency = now;
        }
    }

    private static double HeadingChange(double? a, double? b)
    {
        if (a is not { } x || b is not { } y)
        {
            return 0;
        }

        var d = Math.Abs(x - y) % 360;
        return d > 180 ? 360 - d : d;
    }
}
