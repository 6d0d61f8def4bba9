using Hardware.Positioning;
using V2x.Facilities.Cam;
using V2x.Facilities.ItsContainer;
using V2x.GeoNetworking;

namespace Firmware.Application.Composition;

/// <summary>
/// Builds a CAM (ETSI EN 302 637-2 v1.4.1 Annex A; data elements ETSI TS 102 894-2 v1.3.1) and the
/// GeoNetworking source position vector (EN 302 636-4-1 v1.4.1 §9.5.2) from a position fix. What the fix
/// does not know goes out as the standard's "unavailable" value, never as a guess.
/// </summary>
public static class CamComposer
{
    /// <summary>Vehicle dimensions and type sent in every CAM.</summary>
    /// <param name="StationType">The station type.</param>
    /// <param name="LengthDecimetres">VehicleLength, 0.1 m.</param>
    /// <param name="WidthDecimetres">VehicleWidth, 0.1 m.</param>
    public sealed record Vehicle(StationType StationType, int LengthDecimetres, int WidthDecimetres)
    {
        /// <summary>A passenger car of 4.6 m × 1.8 m.</summary>
        public static Vehicle PassengerCar { get; } = new(StationType.PassengerCar, 46, 18);
    }

    /// <summary>The CAM generated at <paramref name="now"/> from <paramref name="fix"/>.</summary>
    public static CamMessage Cam(StationIdentity identity, Vehicle vehicle, PositionFix fix, DateTimeOffset now, bool lowFrequency)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(vehicle);
        ArgumentNullException.ThrowIfNull(fix);
        var high = new BasicVehicleContainerHighFrequency(
            Heading(fix),
            Speed(fix),
            fix.SpeedMetersPerSecond is null ? DriveDirection.Unavailable : DriveDirection.Forward,
            new VehicleLength(vehicle.LengthDecimetres, VehicleLengthConfidenceIndication.NoTrailerPresent),
            vehicle.WidthDecimetres,
            Acceleration.Unavailable,
            new Curvature(V2x.Facilities.ItsContainer.Curvature.ValueUnavailable, CurvatureConfidence.Unavailable),
            CurvatureCalculationMode.Unavailable,
            new YawRate(V2x.Facilities.ItsContainer.YawRate.ValueUnavailable, YawRateConfidence.Unavailable));
        var low = lowFrequency ? new BasicVehicleContainerLowFrequency(VehicleRole.Default, ExteriorLights.None, PathHistory.Empty) : null;

        // EN 302 637-2 v1.4.1 §B.3: generationDeltaTime = TimestampIts (of the reference position) mod 65 536.
        var generation = GenerationDeltaTime.FromTimestamp(TimestampIts.FromUtc(now));
        return new CamMessage(identity.StationId, new CoopAwareness(generation,
            new CamParameters(new BasicContainer(vehicle.StationType, ReferencePosition(fix)), high, low)));
    }

    /// <summary>The reference position of a fix (TS 102 894-2 ReferencePosition).</summary>
    public static ReferencePosition ReferencePosition(PositionFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        var ellipse = fix.HorizontalAccuracyMeters is { } a
            ? new PosConfidenceEllipse(ClampCentimetres(a), ClampCentimetres(a), 0)
            : PosConfidenceEllipse.Unavailable;
        var altitude = fix.AltitudeMeters is { } m
            ? new Altitude((int)Math.Clamp(Math.Round(m * 100), -100000, 800000), AltitudeConfidence.Unavailable)
            : Altitude.Unavailable;
        return new ReferencePosition(TenthMicrodegrees(fix.LatitudeDegrees), TenthMicrodegrees(fix.LongitudeDegrees), ellipse, altitude);
    }

    /// <summary>The GeoNetworking long position vector of a fix (EN 302 636-4-1 v1.4.1 §9.5.2).</summary>
    public static LongPositionVector PositionVector(StationIdentity identity, GnStationType stationType, PositionFix fix)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(fix);
        var speed = (short)Math.Clamp(Math.Round((fix.SpeedMetersPerSecond ?? 0) * 100), LongPositionVector.MinSpeed, LongPositionVector.MaxSpeed);
        var heading = (ushort)(Math.Round((fix.HeadingDegrees ?? 0) * 10) % 3600);

        // PAI (§9.5.2): the position is accurate when the horizontal error is within the bench's 5 m.
        var accurate = fix.HorizontalAccuracyMeters is { } a && a <= 5;
        return new LongPositionVector(new GnAddress(false, stationType, identity.Mac), GnTimestamp.FromUtc(fix.FixTime),
            TenthMicrodegrees(fix.LatitudeDegrees), TenthMicrodegrees(fix.LongitudeDegrees), accurate, speed, heading);
    }

    /// <summary>Degrees to 1/10 µ°.</summary>
    public static int TenthMicrodegrees(double degrees) => (int)Math.Round(degrees * 1e7);

    private static Heading Heading(PositionFix fix) => fix.HeadingDegrees is { } h
        ? new Heading((int)(Math.Round(h * 10) % 3600), V2x.Facilities.ItsContainer.Heading.ConfidenceUnavailable)
        : new Heading(V2x.Facilities.ItsContainer.Heading.ValueUnavailable, V2x.Facilities.ItsContainer.Heading.ConfidenceUnavailable);

    private static Speed Speed(PositionFix fix) => fix.SpeedMetersPerSecond is { } v
        ? new Speed((int)Math.Clamp(Math.Round(v * 100), 0, 16382), V2x.Facilities.ItsContainer.Speed.ConfidenceUnavailable)
        : new Speed(V2x.Facilities.ItsContainer.Speed.ValueUnavailable, V2x.Facilities.ItsContainer.Speed.ConfidenceUnavailable);

    private static int ClampCentimetres(double metres) => (int)Math.Clamp(Math.Round(metres * 100), 1, PosConfidenceEllipse.SemiAxisUnavailable - 1);
}
