using Firmware.Application.Receiving;
using V2x.Facilities.Cam;
using V2x.Facilities.ItsContainer;
using V2x.Security;

namespace Firmware.Application.Misbehaviour;

/// <summary>
/// What the local misbehaviour detection sees of one accepted, verified message: the narrow hook between the receive
/// pipeline and <see cref="LocalMisbehaviourDetector"/> (only frames that passed every check of the pipeline, so a
/// forged or replayed frame never reaches it). Kinematics in SI units; absent values (unavailable in the message) null.
/// </summary>
/// <param name="Signer">The ticket that signed it.</param>
/// <param name="Psid">CAM (36) or DENM (37).</param>
/// <param name="StationId">The CAM's or DENM's station id.</param>
/// <param name="StationType">The station type it claims.</param>
/// <param name="GenerationTime">The signed generation time.</param>
/// <param name="ReceivedAt">When it arrived (receiver clock).</param>
/// <param name="Latitude">The sender's position (CAM reference position; for a DENM the signed generation location or GN source position), degrees.</param>
/// <param name="Longitude">Degrees.</param>
/// <param name="PositionConfidenceMetres">The semi-major axis of the position confidence ellipse (95 %), or null when unavailable.</param>
/// <param name="SpeedMetresPerSecond">Speed, or null.</param>
/// <param name="HeadingDegrees">Heading clockwise from north, or null.</param>
/// <param name="LongitudinalAcceleration">m/s², or null.</param>
/// <param name="EventLatitude">A DENM's event position, degrees, or null.</param>
/// <param name="EventLongitude">Degrees, or null.</param>
/// <param name="Spdu">The signed message (Ieee1609Dot2Data) as received: the evidence of a report.</param>
public sealed record ObservedMessage(
    HashedId8 Signer,
    Psid Psid,
    uint StationId,
    StationType StationType,
    DateTimeOffset GenerationTime,
    DateTimeOffset ReceivedAt,
    double Latitude,
    double Longitude,
    double? PositionConfidenceMetres,
    double? SpeedMetresPerSecond,
    double? HeadingDegrees,
    double? LongitudinalAcceleration,
    double? EventLatitude,
    double? EventLongitude,
    ReadOnlyMemory<byte> Spdu)
{
    /// <summary>
    /// A CAM's reference time: the instant of its reference position, speed and heading, which its generationDeltaTime
    /// states (EN 302 637-2 v1.4.1 Annex B.3: "time corresponding to the time of the reference position in the CAM"), as
    /// the latest instant at or before the signed generation time with that value (TimestampIts mod 65 536), at most
    /// <see cref="LmbdOptions.MaxReferenceLag"/> before it; null for a DENM, or when the CAM's value names no such instant.
    /// The partition signs with its own clock when it gets the message, which a busy sender does later than it read the
    /// position: the kinematic checks compare positions at the times they were measured.
    /// </summary>
    public DateTimeOffset? ReferenceTime { get; init; }

    /// <summary>The time the kinematic checks use: the reference time when known, else the signed generation time.</summary>
    public DateTimeOffset At => ReferenceTime ?? GenerationTime;

    /// <summary>
    /// The observation of an accepted CAM or DENM, or null for anything else (rejected, deferred, another service, no
    /// position, or decided unverified). A CAM verify-on-demand decided unverified feeds awareness only
    /// (Docs/trust-decisions.md, "Verify-on-demand"): its signature may be forged under the ticket it names, so it is no
    /// evidence against that ticket's holder (a forgery claiming a receiver's own place would otherwise have the genuine
    /// holder reported).
    /// </summary>
    public static ObservedMessage? From(ReceiveResult result, TimeSpan? maxReferenceLag = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.IsAccepted || result.Unverified || result.Frame is not { Security: { } spdu } frame || result.Signer is not { } signer || result.GenerationTime is not { } generated)
        {
            return null;
        }

        if (frame.Cam is { } cam)
        {
            var basic = cam.Cam.CamParameters.BasicContainer;
            var p = basic.ReferencePosition;
            if (p.LatitudeTenthMicrodegrees == ReferencePosition.LatitudeUnavailable || p.LongitudeTenthMicrodegrees == ReferencePosition.LongitudeUnavailable)
            {
                return null;
            }

            var hf = cam.Cam.CamParameters.HighFrequencyContainer as BasicVehicleContainerHighFrequency;
            return new ObservedMessage(signer, Psid.Cam, cam.StationId, basic.StationType, generated, result.ReceivedAt,
                p.LatitudeTenthMicrodegrees / 1e7, p.LongitudeTenthMicrodegrees / 1e7, Confidence(p.PositionConfidenceEllipse),
                hf is { Speed.ValueCentimetresPerSecond: not Speed.ValueUnavailable } ? hf.Speed.ValueCentimetresPerSecond / 100.0 : null,
                hf is { Heading.ValueDeciDegrees: not Heading.ValueUnavailable } ? hf.Heading.ValueDeciDegrees / 10.0 : null,
                hf is { LongitudinalAcceleration.ValueDecimetresPerSecondSquared: not Acceleration.ValueUnavailable } ? hf.LongitudinalAcceleration.ValueDecimetresPerSecondSquared / 10.0 : null,
                null, null, spdu.Data.Encoded)
            {
                ReferenceTime = Reference(generated, cam.Cam.GenerationDeltaTime, maxReferenceLag ?? new LmbdOptions().MaxReferenceLag),
            };
        }

        if (frame.Denm is { } denm)
        {
            // The sender's own position: the signed generationLocation, else the GN source position vector (also signed).
            (int Lat, int Lon)? sender = spdu.HeaderInfo.GenerationLocation is { } l
                ? (l.LatitudeTenthMicrodegrees, l.LongitudeTenthMicrodegrees)
                : frame.Packet.SourcePosition is { } pv ? (pv.LatitudeTenthMicrodegrees, pv.LongitudeTenthMicrodegrees) : null;
            if (sender is not { } s)
            {
                return null;
            }

            var m = denm.Denm.Management;
            var e = m.EventPosition;
            return new ObservedMessage(signer, Psid.Denm, denm.StationId, m.StationType, generated, result.ReceivedAt, s.Lat / 1e7, s.Lon / 1e7, null, null, null,
                null, e.LatitudeTenthMicrodegrees / 1e7, e.LongitudeTenthMicrodegrees / 1e7, spdu.Data.Encoded);
        }

        return null;
    }

    // TS 102 894-2 v1.3.1 SemiAxisLength: 1 cm, 4094 "out of range" (above 40.93 m, taken as 40.94 m: at least that), 4095 unavailable.
    private static double? Confidence(PosConfidenceEllipse e) =>
        e.SemiMajorConfidenceCentimetres == PosConfidenceEllipse.SemiAxisUnavailable ? null : e.SemiMajorConfidenceCentimetres / 100.0;

    // The latest instant at or before the signed time whose TimestampIts mod 65 536 is the CAM's generationDeltaTime.
    private static DateTimeOffset? Reference(DateTimeOffset signed, GenerationDeltaTime stated, TimeSpan maxLag)
    {
        var signedDelta = GenerationDeltaTime.FromTimestamp(V2x.Facilities.ItsContainer.TimestampIts.FromUtc(signed)).Milliseconds;
        var lag = TimeSpan.FromMilliseconds((signedDelta - stated.Milliseconds + 65_536) % 65_536);
        return lag <= maxLag ? signed - lag : null;
    }
}
