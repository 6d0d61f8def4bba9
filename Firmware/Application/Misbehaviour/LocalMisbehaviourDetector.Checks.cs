using System.Globalization;
using PkiProtocol.Misbehaviour;
using V2x.Security;

namespace Firmware.Application.Misbehaviour;

public sealed partial class LocalMisbehaviourDetector
{
    // The CAM of one ticket against its own bounds and its previous CAM (TS 103 759 CAM targets Beacon, Position, Speed,
    // LongAcc; heading project-private). Times are the signed generation times.
    private void CheckCam(ObservedMessage m, ObservedMessage? previous, List<(MbrObservation, HashedId8, string, IReadOnlyList<ReadOnlyMemory<byte>>)> found)
    {
        var o = _options;
        IReadOnlyList<ReadOnlyMemory<byte>> single = [m.Spdu];
        if (m.SpeedMetresPerSecond is { } v && v > o.MaxSpeed)
        {
            found.Add((MbrObservation.SpeedValueTooLarge, m.Signer, F($"speed {v:F1} m/s above {o.MaxSpeed:F1} m/s"), single));
        }

        if (m.LongitudinalAcceleration is { } a && Math.Abs(a) > o.MaxAcceleration)
        {
            found.Add((MbrObservation.LongitudinalAccelerationTooLarge, m.Signer, F($"longitudinal acceleration {a:F1} m/s² beyond ±{o.MaxAcceleration:F1}"), single));
        }

        if (previous is null)
        {
            return;
        }

        IReadOnlyList<ReadOnlyMemory<byte>> pair = [previous.Spdu, m.Spdu];
        // Times of the positions (ObservedMessage.At: a CAM's reference time), not of the signing.
        var dt = (m.At - previous.At).TotalSeconds;

        // EN 302 637-2 §6.1.3: CAMs are at least T_GenCamMin apart; TS 103 759 flags intervals below 80 % of it.
        if (m.At - previous.At < o.MinBeaconInterval)
        {
            found.Add((MbrObservation.BeaconIntervalTooSmall, m.Signer, F($"CAMs {dt * 1000:F0} ms apart, below {o.MinBeaconInterval.TotalMilliseconds:F0} ms"), pair));
        }

        if (dt <= 0)
        {
            return;
        }

        if (m.SpeedMetresPerSecond is { } v1 && previous.SpeedMetresPerSecond is { } v0)
        {
            var allowed = (o.MaxAcceleration * dt) + o.SpeedTolerance;
            if (Math.Abs(v1 - v0) > allowed)
            {
                found.Add((MbrObservation.SpeedChangeTooLarge, m.Signer, F($"speed {v0:F1} → {v1:F1} m/s in {dt * 1000:F0} ms (at most {allowed:F1} m/s)"), pair));
            }

            // A vehicle turns at most with its lateral acceleration: yaw rate ≤ a / v (only at speed: heading is noise when nearly stopped).
            var slow = Math.Min(v0, v1);
            if (slow >= o.HeadingMinimumSpeed && m.HeadingDegrees is { } h1 && previous.HeadingDegrees is { } h0)
            {
                var turn = Math.Abs(((h1 - h0 + 540) % 360) - 180);
                var limit = (o.MaxLateralAcceleration / slow * dt * 180 / Math.PI) + o.HeadingToleranceDegrees;
                if (turn > limit)
                {
                    found.Add((MbrObservation.HeadingChangeTooLarge, m.Signer, F($"heading {h0:F1}° → {h1:F1}° in {dt * 1000:F0} ms at {slow:F1} m/s (at most {limit:F1}°)"), pair));
                }
            }
        }

        // The position moves at most by the faster of the two speeds (or the speed bound when unknown) plus braking or
        // accelerating, widened by both position confidences: a GNSS fix correcting a dead-reckoned position (a tunnel
        // exit) comes with the confidence that covers it.
        var speed = Math.Max(m.SpeedMetresPerSecond ?? o.MaxSpeed, previous.SpeedMetresPerSecond ?? o.MaxSpeed);
        var reach = (speed * dt) + (0.5 * o.MaxAcceleration * dt * dt) + (m.PositionConfidenceMetres ?? 0) + (previous.PositionConfidenceMetres ?? 0) + o.PositionToleranceMetres;
        var moved = Distance(previous.Latitude, previous.Longitude, m.Latitude, m.Longitude);
        if (moved > reach)
        {
            found.Add((MbrObservation.PositionChangeTooLarge, m.Signer, F($"moved {moved:F1} m in {dt * 1000:F0} ms (at most {reach:F1} m)"), pair));
        }
    }

    // A DENM's event is where its sender perceived it: not farther than its sensors reach.
    private void CheckDenm(ObservedMessage m, List<(MbrObservation, HashedId8, string, IReadOnlyList<ReadOnlyMemory<byte>>)> found)
    {
        if (m.EventLatitude is not { } lat || m.EventLongitude is not { } lon)
        {
            return;
        }

        var distance = Distance(m.Latitude, m.Longitude, lat, lon);
        if (distance > _options.MaxEventDistanceMetres)
        {
            found.Add((MbrObservation.DenmEventTooFar, m.Signer, F($"event {distance:F0} m from its sender (at most {_options.MaxEventDistanceMetres:F0} m)"), [m.Spdu]));
        }
    }

    // Two senders at one place (Sybil / ghost vehicle): another ticket heard at the same instant, brought to this message's
    // generation time along its speed and heading, closer than two vehicles can be; only tickets heard at the same time
    // (their tracks overlap), so a pseudonym change (the old ticket stops before the new one starts) is no overlap. The
    // subject is the ticket first heard later (a ghost appears beside a vehicle already there). A ticket claiming the
    // receiver's own place is always the subject.
    private void CheckOverlap(ObservedMessage m, Track track, List<(MbrObservation, HashedId8, string, IReadOnlyList<ReadOnlyMemory<byte>>)> found)
    {
        var o = _options;
        if (_ownPosition?.Invoke() is { } own && Distance(own.Latitude, own.Longitude, m.Latitude, m.Longitude) < o.MinSeparationMetres)
        {
            found.Add((MbrObservation.TwoSendersOnePlace, m.Signer, F($"claims the receiver's own place ({Distance(own.Latitude, own.Longitude, m.Latitude, m.Longitude):F1} m from it)"),
                [m.Spdu]));
            return;
        }

        // Every tracked neighbour, for every CAM heard (no LINQ here: a bench receiver runs this ~90 times a second).
        foreach (var node in _tracks.Values)
        {
            var other = node.Value;
            var b = other.Last;
            if (other.Signer == m.Signer || (m.At - b.At).Duration() > o.SameInstant || other.First > m.GenerationTime
                || b.GenerationTime < track.First || b.Psid != Psid.Cam)
            {
                continue;
            }

            var (lat, lon) = Extrapolate(b, m.At);
            var apart = Distance(lat, lon, m.Latitude, m.Longitude);
            if (apart < o.MinSeparationMetres)
            {
                var ghostIsThis = track.First >= other.First;
                var subject = ghostIsThis ? m : b;
                found.Add((MbrObservation.TwoSendersOnePlace, subject.Signer, F($"{apart:F1} m from ticket {(ghostIsThis ? b : m).Signer} heard at the same instant"),
                    [subject.Spdu]));
            }
        }
    }

    // Dead reckoning along speed and heading over the (at most SameInstant) time between two messages, flat-earth.
    private static (double Latitude, double Longitude) Extrapolate(ObservedMessage m, DateTimeOffset at)
    {
        if (m.SpeedMetresPerSecond is not { } v || m.HeadingDegrees is not { } h)
        {
            return (m.Latitude, m.Longitude);
        }

        var distance = v * (at - m.At).TotalSeconds;
        var north = distance * Math.Cos(h * Math.PI / 180);
        var east = distance * Math.Sin(h * Math.PI / 180);
        return (m.Latitude + (north / 111_320), m.Longitude + (east / (111_320 * Math.Cos(m.Latitude * Math.PI / 180))));
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
