using Firmware.Application.Composition;
using Firmware.Application.Misbehaviour;
using Hardware.Positioning;
using Hardware.Radio;
using PkiProtocol.Misbehaviour;
using V2x.Facilities.Denm;
using V2x.Facilities.ItsContainer;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Link;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Stack;
using V2x.Time;

namespace Bench.Misbehaviour;

/// <summary>
/// One labelled ticket of the evaluation traffic on the air (<see cref="RevocationRun"/>): a station enrolled at the bench
/// PKI with a real authorization ticket, which turns each of its <see cref="ObservedMessage"/>s into a signed frame
/// (a CAM, EN 302 637-2 v1.4.1 Annex A; or a DENM, EN 302 637-3 v1.3.1) with the message's position, speed, heading,
/// acceleration and position confidence, and an integrity report reporting no anomaly (a cloned key or a lying
/// partition: the receivers' integrity checks pass; only the misbehaviour loop can stop it).
/// </summary>
internal sealed class EvaluationSender : IDisposable
{
    private readonly EcdsaP256SignatureKey _key;
    private readonly SpduSigner _signer;
    private readonly StationIdentity _identity;
    private readonly ulong _nonce;
    private uint _counter;
    private ushort _sequence;

    public EvaluationSender(string station, Certificate ticket, EcdsaP256SignatureKey key, IRadioLink radio, uint stationId, MbrObservation? attack)
    {
        Station = station;
        Ticket = ticket;
        _key = key;
        Radio = radio;
        Attack = attack;
        _signer = new SpduSigner(key, ticket);
        _identity = new StationIdentity(stationId, new MacAddress(0x0200_0000_0000UL | stationId));
        _nonce = 0x0E7A_0000_0000_0000UL | stationId;
    }

    /// <summary>The station id at the EA.</summary>
    public string Station { get; }

    /// <summary>Its authorization ticket.</summary>
    public Certificate Ticket { get; }

    /// <summary>Its radio on the simulated medium.</summary>
    public IRadioLink Radio { get; }

    /// <summary>The class it injects (null: a genuine vehicle).</summary>
    public MbrObservation? Attack { get; }

    /// <summary>The message as a signed frame at its generation time.</summary>
    public byte[] Frame(ObservedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var at = message.GenerationTime;
        var fix = new PositionFix(true, message.Latitude, message.Longitude, 519, message.SpeedMetresPerSecond, message.HeadingDegrees, at, message.PositionConfidenceMetres);
        var source = CamComposer.PositionVector(_identity, GnStationType.PassengerCar, fix);
        FrameRequest request;
        if (message.Psid == Psid.Denm)
        {
            // EN 302 637-3 v1.3.1 management container: the event position is the DENM's; the GN source position is the sender's.
            var eventFix = fix with { LatitudeDegrees = message.EventLatitude ?? message.Latitude, LongitudeDegrees = message.EventLongitude ?? message.Longitude };
            var time = TimestampIts.FromUtc(at);
            var eebl = DenmEvent.EmergencyElectronicBrakeLight;
            var denm = new DenmMessage(_identity.StationId, new DecentralizedEnvironmentalNotificationMessage(
                new ManagementContainer(new ActionId(_identity.StationId, _sequence), time, time, CamComposer.ReferencePosition(eventFix), StationType.PassengerCar,
                    RelevanceDistance: RelevanceDistance.LessThan5km, ValidityDurationSeconds: 2, TransmissionIntervalMilliseconds: 100),
                new SituationContainer(eebl.InformationQuality, eebl.EventType)));
            var area = CamComposer.ReferencePosition(eventFix);

            // Hop limit 1: no receiver forwards it, so every arrival is the sender's own frame.
            request = new FrameRequest(FacilitiesPayload.FromDenm(denm),
                GnTransport.GeoBroadcastCircle(_sequence++, area.LatitudeTenthMicrodegrees, area.LongitudeTenthMicrodegrees, 5000, hopLimit: 1), source, at);
        }
        else
        {
            var cam = CamComposer.Cam(_identity, CamComposer.Vehicle.PassengerCar, fix, at, lowFrequency: false);
            if (message.LongitudinalAcceleration is { } acc && cam.Cam.CamParameters.HighFrequencyContainer is V2x.Facilities.Cam.BasicVehicleContainerHighFrequency hf)
            {
                // TS 102 894-2 LongitudinalAcceleration: 0.1 m/s², -160..160.
                var value = (int)Math.Clamp(Math.Round(acc * 10), -160, 160);
                cam = cam with
                {
                    Cam = cam.Cam with
                    {
                        CamParameters = cam.Cam.CamParameters with
                        {
                            HighFrequencyContainer = hf with { LongitudinalAcceleration = new Acceleration(value, Acceleration.ConfidenceUnavailable) },
                        },
                    },
                };
            }

            request = new FrameRequest(FacilitiesPayload.FromCam(cam), GnTransport.SingleHopBroadcast(), source, at);
        }

        var report = new IntegrityReport(IntegrityLevel.NoAnomaly, DetectorFlags.None, ++_counter, _nonce, Time64.FromUtc(at));
        return FrameBuilder.BuildSigned(request, _signer, SignerChoice.Certificate, report);
    }

    public void Dispose() => _key.Dispose();
}
