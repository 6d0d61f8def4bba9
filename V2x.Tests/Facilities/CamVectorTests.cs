using V2x.Facilities.Cam;
using V2x.Facilities.ItsContainer;

namespace V2x.Tests.Facilities;

/// <summary>
/// The CAM captured from Vanetza (<see cref="ExternalVectors.VanetzaCam"/>, riebl/vanetza issue
/// #115). Expected values: as Wireshark 4.0.17 dissects the same frame.
/// </summary>
public class CamVectorTests
{
    private static readonly CamMessage Expected = new(
        1,
        new CoopAwareness(
            new GenerationDeltaTime(14129),
            new CamParameters(
                new BasicContainer(
                    StationType.PassengerCar,
                    new ReferencePosition(487668620, 114320680, PosConfidenceEllipse.Unavailable, Altitude.Unavailable)),
                new BasicVehicleContainerHighFrequency(
                    new Heading(0, 10),
                    new Speed(0, 1),
                    DriveDirection.Forward,
                    new VehicleLength(VehicleLength.ValueUnavailable, VehicleLengthConfidenceIndication.NoTrailerPresent),
                    BasicVehicleContainerHighFrequency.VehicleWidthUnavailable,
                    new Acceleration(Acceleration.ValueUnavailable, 0),
                    new Curvature(0, CurvatureConfidence.Unavailable),
                    CurvatureCalculationMode.YawRateUsed,
                    new YawRate(YawRate.ValueUnavailable, YawRateConfidence.DegSec000_01)))));

    [Fact]
    public void Decodes_the_captured_cam()
    {
        Assert.Equal(Expected, CamCodec.Decode(Hex.Parse(ExternalVectors.VanetzaCam)));
    }

    [Fact]
    public void Encodes_the_same_value_to_the_captured_bytes()
    {
        Assert.Equal(ExternalVectors.VanetzaCam, Hex.Of(CamCodec.Encode(Expected)));
    }

    [Fact]
    public void Generation_delta_time_is_timestamp_modulo_65536()
    {
        // EN 302 637-2 v1.4.1 §B.3. 2020-11-30T12:00:00.123Z is 6178 days + 12 h + 123 ms after
        // 2004-01-01T00:00Z = 533822400123 ms UTC (computed with Python's datetime); on the TAI time line
        // (TS 102 894-2 v2.1.1) 5 leap seconds more: 533822405123 ms, 31235 mod 65536.
        var instant = new DateTimeOffset(2020, 11, 30, 12, 0, 0, 123, TimeSpan.Zero);
        var timestamp = TimestampIts.FromUtc(instant);
        Assert.Equal(533822405123L, timestamp.Milliseconds);
        Assert.Equal(31235, GenerationDeltaTime.FromTimestamp(timestamp).Milliseconds);
        Assert.Equal(26235, GenerationDeltaTime.FromTimestamp(new TimestampIts(533822400123L)).Milliseconds);
        Assert.Equal(instant, timestamp.ToUtc());
    }
}
