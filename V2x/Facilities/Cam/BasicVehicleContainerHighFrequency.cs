using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Cam;

/// <summary>
/// ETSI EN 302 637-2 v1.4.1 Annex A, BasicVehicleContainerHighFrequency (no extension marker): the
/// nine mandatory components of a vehicle's high-frequency container and the seven optional ones.
/// Vehicle width is VehicleWidth <c>INTEGER (1..62)</c> in 0.1 m (62 unavailable); lane position is
/// LanePosition <c>INTEGER (-1..14)</c>; performance class is PerformanceClass <c>INTEGER (0..7)</c>
/// (ETSI TS 102 894-2 v1.3.1 Annex A).
/// </summary>
public sealed record BasicVehicleContainerHighFrequency(
    Heading Heading,
    Speed Speed,
    DriveDirection DriveDirection,
    VehicleLength VehicleLength,
    int VehicleWidthDecimetres,
    Acceleration LongitudinalAcceleration,
    Curvature Curvature,
    CurvatureCalculationMode CurvatureCalculationMode,
    YawRate YawRate,
    AccelerationControl? AccelerationControl = null,
    int? LanePosition = null,
    SteeringWheelAngle? SteeringWheelAngle = null,
    Acceleration? LateralAcceleration = null,
    Acceleration? VerticalAcceleration = null,
    int? PerformanceClass = null,
    CenDsrcTollingZone? CenDsrcTollingZone = null) : HighFrequencyContainer
{
    public const int VehicleWidthUnavailable = 62;

    private protected override int ChoiceIndex => 0;

    private protected override string ChoiceName => "basicVehicleContainerHighFrequency";

    private protected override void EncodeValue(UperWriter w)
    {
        w.WriteBit(AccelerationControl.HasValue);
        w.WriteBit(LanePosition.HasValue);
        w.WriteBit(SteeringWheelAngle.HasValue);
        w.WriteBit(LateralAcceleration.HasValue);
        w.WriteBit(VerticalAcceleration.HasValue);
        w.WriteBit(PerformanceClass.HasValue);
        w.WriteBit(CenDsrcTollingZone.HasValue);
        using (w.Field("heading"))
        {
            Heading.Encode(w);
        }

        using (w.Field("speed"))
        {
            Speed.Encode(w);
        }

        EnumCodec.Write(w, DriveDirection, 3, false, "driveDirection");
        using (w.Field("vehicleLength"))
        {
            VehicleLength.Encode(w);
        }

        w.WriteConstrainedWholeNumber(VehicleWidthDecimetres, 1, 62, "vehicleWidth");
        using (w.Field("longitudinalAcceleration"))
        {
            LongitudinalAcceleration.Encode(w, "longitudinal");
        }

        using (w.Field("curvature"))
        {
            Curvature.Encode(w);
        }

        EnumCodec.Write(w, CurvatureCalculationMode, 3, true, "curvatureCalculationMode");
        using (w.Field("yawRate"))
        {
            YawRate.Encode(w);
        }

        if (AccelerationControl is { } control)
        {
            w.WriteFixedBits((byte)control, 7, "accelerationControl");
        }

        if (LanePosition is { } lane)
        {
            w.WriteConstrainedWholeNumber(lane, -1, 14, "lanePosition");
        }

        if (SteeringWheelAngle is { } steering)
        {
            using (w.Field("steeringWheelAngle"))
            {
                steering.Encode(w);
            }
        }

        if (LateralAcceleration is { } lateral)
        {
            using (w.Field("lateralAcceleration"))
            {
                lateral.Encode(w, "lateral");
            }
        }

        if (VerticalAcceleration is { } vertical)
        {
            using (w.Field("verticalAcceleration"))
            {
                vertical.Encode(w, "vertical");
            }
        }

        if (PerformanceClass is { } performance)
        {
            w.WriteConstrainedWholeNumber(performance, 0, 7, "performanceClass");
        }

        if (CenDsrcTollingZone is { } zone)
        {
            using (w.Field("cenDsrcTollingZone"))
            {
                zone.Encode(w);
            }
        }
    }

    internal static BasicVehicleContainerHighFrequency DecodeValue(UperReader r)
    {
        var present = new bool[7];
        for (var i = 0; i < present.Length; i++)
        {
            present[i] = r.ReadBit("optional-bitmap");
        }

        Heading heading;
        using (r.Field("heading"))
        {
            heading = Heading.Decode(r);
        }

        Speed speed;
        using (r.Field("speed"))
        {
            speed = Speed.Decode(r);
        }

        var driveDirection = EnumCodec.Read<DriveDirection>(r, 3, "driveDirection");
        VehicleLength length;
        using (r.Field("vehicleLength"))
        {
            length = VehicleLength.Decode(r);
        }

        var width = (int)r.ReadConstrainedWholeNumber(1, 62, "vehicleWidth");
        Acceleration longitudinal;
        using (r.Field("longitudinalAcceleration"))
        {
            longitudinal = Acceleration.Decode(r, "longitudinal");
        }

        Curvature curvature;
        using (r.Field("curvature"))
        {
            curvature = Curvature.Decode(r);
        }

        var mode = EnumCodec.Read<CurvatureCalculationMode>(r, 3, true, 0, "curvatureCalculationMode");
        YawRate yawRate;
        using (r.Field("yawRate"))
        {
            yawRate = YawRate.Decode(r);
        }

        AccelerationControl? control = present[0] ? (AccelerationControl)r.ReadFixedBits(7, "accelerationControl") : null;
        int? lane = present[1] ? (int)r.ReadConstrainedWholeNumber(-1, 14, "lanePosition") : null;
        SteeringWheelAngle? steering = null;
        if (present[2])
        {
            using (r.Field("steeringWheelAngle"))
            {
                steering = ItsContainer.SteeringWheelAngle.Decode(r);
            }
        }

        Acceleration? lateral = null;
        if (present[3])
        {
            using (r.Field("lateralAcceleration"))
            {
                lateral = Acceleration.Decode(r, "lateral");
            }
        }

        Acceleration? vertical = null;
        if (present[4])
        {
            using (r.Field("verticalAcceleration"))
            {
                vertical = Acceleration.Decode(r, "vertical");
            }
        }

        int? performance = present[5] ? (int)r.ReadConstrainedWholeNumber(0, 7, "performanceClass") : null;
        CenDsrcTollingZone? zone = null;
        if (present[6])
        {
            using (r.Field("cenDsrcTollingZone"))
            {
                zone = ItsContainer.CenDsrcTollingZone.Decode(r);
            }
        }

        return new BasicVehicleContainerHighFrequency(
            heading, speed, driveDirection, length, width, longitudinal, curvature, mode, yawRate,
            control, lane, steering, lateral, vertical, performance, zone);
    }
}
