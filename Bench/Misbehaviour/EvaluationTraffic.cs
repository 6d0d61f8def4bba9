using Firmware.Application.Misbehaviour;
using PkiProtocol.Misbehaviour;
using V2x.Facilities.ItsContainer;
using V2x.Security;

namespace Bench.Misbehaviour;

/// <summary>
/// The labelled traffic of the misbehaviour evaluation: genuine vehicles on a straight road (steady drives, hard braking
/// at 9-11.5 m/s², a GNSS correction of 35 m at a tunnel exit after dead-reckoned CAMs, a pseudonym change, two lanes
/// 3.5 m apart, EEBL DENMs at the sender), and attackers appearing between 2 s and 10 s in, each injecting one detection class
/// from its first message on.
/// Every message is an <see cref="ObservedMessage"/> (what the receive pipeline hands the detection after it accepted a
/// frame), in virtual time, with the sender's true label. Deterministic for a seed.
/// </summary>
public sealed class EvaluationTraffic
{
    /// <summary>Base point of the road (Munich), and metres per degree of latitude.</summary>
    public const double BaseLatitude = 48.137, BaseLongitude = 11.575, MetresPerDegree = 111_320;

    /// <summary>Start of the scenario.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private EvaluationTraffic(List<(ObservedMessage Message, double North, MbrObservation? Attack)> messages, IReadOnlyDictionary<HashedId8, MbrObservation> attackers)
    {
        Messages = messages;
        Attackers = attackers;
    }

    /// <summary>The messages in time order, with where the sender was (metres north of the base point) and the attack they carry (null: genuine).</summary>
    public IReadOnlyList<(ObservedMessage Message, double North, MbrObservation? Attack)> Messages { get; }

    /// <summary>Every attacker ticket and the class it injects.</summary>
    public IReadOnlyDictionary<HashedId8, MbrObservation> Attackers { get; }

    /// <summary>Generates the traffic of <paramref name="options"/>.</summary>
    public static EvaluationTraffic Generate(EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var random = new Random(options.Seed);
        var messages = new List<(ObservedMessage, double, MbrObservation?)>();
        var attackers = new Dictionary<HashedId8, MbrObservation>();
        ulong next = 0x1000;
        HashedId8 Ticket() => new(next++);
        var roadLength = Math.Max(600, (options.Receivers - 1) * 300.0);
        var steps = (int)(options.Duration.TotalMilliseconds / 100);

        for (var g = 0; g < options.Genuine; g++)
        {
            var start = random.NextDouble() * roadLength;
            var speed = 10 + (random.NextDouble() * 20);
            // Each genuine vehicle keeps its own lane, 3.5 m from the next: no two genuine vehicles ever share a place.
            var east = 3.5 * g;
            var offset = random.Next(0, 100);
            Genuine(messages, Ticket, g % 5, start, speed, east, offset, steps, random);
        }

        var lane = 0;
        foreach (var attack in Enum.GetValues<MbrObservation>())
        {
            for (var k = 0; k < options.AttackersPerClass; k++)
            {
                var ticket = Ticket();
                attackers[ticket] = attack;
                Attacker(messages, ticket, attack, random.NextDouble() * roadLength, -3.5 * ++lane, random.Next(2_000, 10_000), steps, messages);
            }
        }

        messages.Sort((a, b) => a.Item1.ReceivedAt.CompareTo(b.Item1.ReceivedAt));
        return new EvaluationTraffic(messages, attackers);
    }

    // Behaviours: 0 steady, 1 hard braking from 10 s, 2 tunnel exit at 8 s, 3 pseudonym change at 15 s, 4 EEBL DENMs each second.
    private static void Genuine(List<(ObservedMessage, double, MbrObservation?)> list, Func<HashedId8> ticket, int behaviour, double start, double speed, double east,
        int offsetMs, int steps, Random random)
    {
        var signer = ticket();
        var (x, v) = (start, speed);
        var deceleration = -(9 + (random.NextDouble() * 2.5));
        var changed = false;
        for (var i = 0; i < steps; i++)
        {
            var ms = offsetMs + (i * 100);
            double acc = 0, confidence = 2, reported = x;
            if (behaviour == 1 && ms >= 10_000 && v > 0)
            {
                acc = deceleration;
            }

            if (behaviour == 2 && ms is >= 6_000 and < 8_000)
            {
                // Dead reckoning in a tunnel: the error grows with the confidence (out of range, 40.94 m); at 8 s the first fix.
                confidence = 40.94;
                reported = x + ((ms - 6_000) / 2_000.0 * 35);
            }

            if (behaviour == 3 && ms >= 15_000 && !changed)
            {
                signer = ticket();
                changed = true;
            }

            list.Add((Cam(signer, ms, reported, east, v, 0, acc, confidence), x, null));
            if (behaviour == 4 && i % 10 == 0)
            {
                list.Add((Denm(signer, ms + 1, x, east, x + 50), x, null));
            }

            x += Math.Max(0, (v * 0.1) + (0.5 * acc * 0.01));
            v = Math.Max(0, v + (acc * 0.1));
        }
    }

    private static void Attacker(List<(ObservedMessage, double, MbrObservation?)> list, HashedId8 signer, MbrObservation attack, double start, double east, int offsetMs, int steps,
        List<(ObservedMessage, double, MbrObservation?)> genuine)
    {
        var x = start;
        const double v = 14;
        var interval = attack == MbrObservation.BeaconIntervalTooSmall ? 40 : 100;
        var count = ((steps * 100) - offsetMs) / interval;
        for (var i = 0; i < count; i++)
        {
            var ms = offsetMs + (i * interval);
            var message = attack switch
            {
                MbrObservation.SpeedValueTooLarge => Cam(signer, ms, x, east, 110, 0, 0, 2),
                MbrObservation.SpeedChangeTooLarge => Cam(signer, ms, x, east, i % 2 == 0 ? v : v + 20, 0, 0, 2),
                MbrObservation.LongitudinalAccelerationTooLarge => Cam(signer, ms, x, east, v, 0, -16, 2),
                MbrObservation.HeadingChangeTooLarge => Cam(signer, ms, x, east, v, i % 2 == 0 ? 0 : 90, 0, 2),
                MbrObservation.PositionChangeTooLarge => Cam(signer, ms, i % 10 == 5 ? x + 200 : x, east, v, 0, 0, 2),
                MbrObservation.BeaconIntervalTooSmall => Cam(signer, ms, x, east, v, 0, 0, 2),
                MbrObservation.TwoSendersOnePlace => Ghost(signer, ms, x, east, genuine),
                MbrObservation.DenmEventTooFar => i % 10 == 0 ? Denm(signer, ms, x, east, x + 2000) : Cam(signer, ms, x, east, v, 0, 0, 2),
                _ => throw new ArgumentOutOfRangeException(nameof(attack)),
            };
            list.Add((message, x, attack));
            x += v * interval / 1000.0;
        }
    }

    // A ghost: a ticket claiming the place of the genuine car nearest its own track, 5 ms after that car's CAM.
    private static ObservedMessage Ghost(HashedId8 signer, int ms, double x, double east, List<(ObservedMessage Message, double North, MbrObservation? Attack)> genuine)
    {
        var victim = genuine.Where(m => m.Attack is null && m.Message.Psid == Psid.Cam && Math.Abs((m.Message.GenerationTime - T0).TotalMilliseconds - ms) < 50)
            .OrderBy(m => Math.Abs(m.North - x)).Select(m => (ObservedMessage?)m.Message).FirstOrDefault();
        return victim is null
            ? Cam(signer, ms, x, east, 14, 0, 0, 2)
            : victim with { Signer = signer, StationId = (uint)signer.Value, GenerationTime = victim.GenerationTime.AddMilliseconds(5), ReceivedAt = victim.ReceivedAt.AddMilliseconds(5) };
    }

    private static ObservedMessage Cam(HashedId8 signer, int ms, double north, double east, double speed, double heading, double acc, double confidence)
    {
        var at = T0.AddMilliseconds(ms);
        return new ObservedMessage(signer, Psid.Cam, (uint)signer.Value, StationType.PassengerCar, at, at.AddMilliseconds(5), Latitude(north), Longitude(east), confidence,
            speed, heading, acc, null, null, Evidence(signer, ms));
    }

    private static ObservedMessage Denm(HashedId8 signer, int ms, double north, double east, double eventNorth)
    {
        var at = T0.AddMilliseconds(ms);
        return new ObservedMessage(signer, Psid.Denm, (uint)signer.Value, StationType.PassengerCar, at, at.AddMilliseconds(5), Latitude(north), Longitude(east), null,
            null, null, null, Latitude(eventNorth), Longitude(east), Evidence(signer, ms));
    }

    /// <summary>Degrees of latitude of a point <paramref name="north"/> metres north of the base point.</summary>
    internal static double Latitude(double north) => BaseLatitude + (north / MetresPerDegree);

    /// <summary>Degrees of longitude of a point <paramref name="east"/> metres east of the base point.</summary>
    internal static double Longitude(double east) => BaseLongitude + (east / (MetresPerDegree * Math.Cos(BaseLatitude * Math.PI / 180)));

    // The evaluation scores findings, not reports: the evidence is a label of the message, not a signed frame.
    private static byte[] Evidence(HashedId8 signer, int ms) => BitConverter.GetBytes(signer.Value ^ (ulong)ms);
}
