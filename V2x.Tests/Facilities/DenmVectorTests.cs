using V2x.Facilities.Denm;
using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Tests.Facilities;

/// <summary>
/// The DENM of lf-edge/instantx docs/Encoding.md (<see cref="ExternalVectors.InstantxDenm"/>); the
/// expected values are the JSON and Wireshark renderings published beside it. It carries an
/// EventPoint whose delta time (1706733817) lies beyond PathDeltaTime's root range, so it exercises
/// the extensible-integer encoding (X.691 §13.1).
/// </summary>
public class DenmVectorTests
{
    private static readonly DenmMessage Expected = new(
        19911991,
        new DecentralizedEnvironmentalNotificationMessage(
            new ManagementContainer(
                new ActionId(19911991, 987),
                new TimestampIts(1071266991390),
                new TimestampIts(1071266991390),
                new ReferencePosition(-109791002, -112004003, new PosConfidenceEllipse(377, 377, 0), new Altitude(1200, AltitudeConfidence.Alt000_02)),
                StationType.PassengerCar,
                null,
                RelevanceDistance.LessThan50m,
                RelevanceTrafficDirection.AllTrafficDirections,
                86400,
                500),
            new SituationContainer(
                3,
                new CauseCode(CauseCodeType.WrongWayDriving, 0),
                new CauseCode(CauseCodeType.CollisionRisk, 0),
                SequenceOf.Of(
                    new EventPoint(new DeltaReferencePosition(-123, 897, 20), 1706733817, 1),
                    new EventPoint(new DeltaReferencePosition(456, 789, 10), null, 2))),
            new LocationContainer(
                SequenceOf.Of(PathHistory.Empty),
                new Speed(1300, 127),
                new Heading(14, 127))));

    [Fact]
    public void Decodes_the_published_denm()
    {
        Assert.Equal(Expected, DenmCodec.Decode(Hex.Parse(ExternalVectors.InstantxDenm)));
    }

    [Fact]
    public void Encodes_the_same_value_to_the_published_bytes()
    {
        Assert.Equal(ExternalVectors.InstantxDenm, Hex.Of(DenmCodec.Encode(Expected)));
    }

    [Fact]
    public void Decodes_the_asn1tools_traces_vector()
    {
        var reader = new UperReader(Hex.Parse(ExternalVectors.Asn1ToolsTraces), "Traces");
        var traces = reader.ReadSequenceOf(1, 7, false, static r => PathHistory.Decode(r, "pathHistory"), "traces");
        reader.ExpectEnd();
        Assert.Equal(
            SequenceOf.Of(PathHistory.Empty, PathHistory.Empty, new PathHistory(SequenceOf.Of(new PathPoint(new DeltaReferencePosition(44, -1, 0), 1)))),
            traces);
    }
}
