using V2x.Facilities.Cam;
using V2x.Facilities.Denm;
using V2x.Facilities.ItsContainer;

namespace V2x.Tests.Facilities;

/// <summary>
/// Malformed CAMs and DENMs, built from the external vectors by editing fields at their bit offsets
/// (the Vanetza CAM uses 322 bits, the instantx DENM 601): each row ends in one
/// <see cref="DecodeException"/> naming the field, and a good message still decodes afterwards.
/// </summary>
public class FacilitiesFailureTests
{
    private const string Hf = "CAM.cam.camParameters.highFrequencyContainer";
    private const string Bvc = Hf + ".basicVehicleContainerHighFrequency";

    public static TheoryData<string, byte[], string, string> CamRows => new()
    {
        { "protocol version 1 (CAM v1.3.2 is not accepted)", Cam().Set(0, 8, 1).ToArray(), "CAM.header.protocolVersion", "not CAM version 2" },
        { "message ID denm", Cam().Set(8, 8, 1).ToArray(), "CAM.header.messageID", "not a CAM" },
        { "latitude above 900000001", Cam().Set(76, 31, 0x7FFFFFFF).ToArray(), "CAM.cam.camParameters.basicContainer.referencePosition.latitude", "outside" },
        { "heading value 4095 above 3601", Cam().Set(208, 12, 4095).ToArray(), Bvc + ".heading.headingValue", "outside (0..3601)" },
        { "drive direction index 3 of 3 values", Cam().Set(248, 2, 3).ToArray(), Bvc + ".driveDirection", "outside (0..2)" },
        { "vehicle length confidence index 7 of 5 values", Cam().Set(260, 3, 7).ToArray(), Bvc + ".vehicleLength.vehicleLengthConfidenceIndication", "outside (0..4)" },
        { "curvature calculation mode extension value", Cam().Set(299, 1, 1).Append(8, 0).ToArray(), Bvc + ".curvatureCalculationMode", "unknown enumeration extension" },
        { "yaw rate confidence index 15 of 9 values", Cam().Set(318, 4, 15).ToArray(), Bvc + ".yawRate.yawRateConfidence", "outside (0..8)" },
        { "high-frequency container extension alternative", Cam().Set(199, 1, 1).ToArray(), Hf + ".choice", "unsupported extension alternative" },
        { "extension bit set with an empty addition bit-map", Cam().Set(64, 1, 1).Append(8, 0).ToArray(), "CAM.cam.camParameters.extension", "no extension addition present" },
        { "truncated in the yaw rate", Hex.Parse(ExternalVectors.VanetzaCam)[..39], Bvc + ".yawRate.yawRateValue", "truncated" },
        { "trailing octet", [.. Hex.Parse(ExternalVectors.VanetzaCam), 0], "CAM", "trailing octet" },
        { "non-zero padding bit", Cam().Append(6, 1).ToArray(), "CAM", "non-zero padding" },
        { "a DENM given to the CAM decoder", Hex.Parse(ExternalVectors.InstantxDenm), "CAM.header.messageID", "not a CAM" },
    };

    public static TheoryData<string, byte[], string, string> DenmRows => new()
    {
        { "protocol version 1", Denm().Set(0, 8, 1).ToArray(), "DENM.header.protocolVersion", "not DENM version 2" },
        { "a CAM given to the DENM decoder", Hex.Parse(ExternalVectors.VanetzaCam), "DENM.header.messageID", "not a DENM" },
        { "validity duration 131071 above 86400", Denm().Set(317, 17, 131071).ToArray(), "DENM.denm.management.validityDuration", "outside (0..86400)" },
        { "transmission interval 16384 above 10000", Denm().Set(334, 14, 0x3FFF).ToArray(), "DENM.denm.management.transmissionInterval", "outside (1..10000)" },
        { "truncated in the situation container", Hex.Parse(ExternalVectors.InstantxDenm)[..50], "DENM.denm.situation", "truncated" },
        { "trailing octet", [.. Hex.Parse(ExternalVectors.InstantxDenm), 0], "DENM", "trailing octet" },
    };

    [Theory]
    [MemberData(nameof(CamRows))]
    public void Cam_decoder_rejects(string name, byte[] input, string fieldPath, string reason)
    {
        _ = name;
        var error = Assert.Throws<DecodeException>(() => CamCodec.Decode(input));
        Assert.StartsWith(fieldPath, error.FieldPath, StringComparison.Ordinal);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);

        // Nothing is remembered from the rejected input: the captured CAM decodes exactly as before.
        Assert.Equal(1u, CamCodec.Decode(Hex.Parse(ExternalVectors.VanetzaCam)).StationId);
    }

    [Theory]
    [MemberData(nameof(DenmRows))]
    public void Denm_decoder_rejects(string name, byte[] input, string fieldPath, string reason)
    {
        _ = name;
        var error = Assert.Throws<DecodeException>(() => DenmCodec.Decode(input));
        Assert.StartsWith(fieldPath, error.FieldPath, StringComparison.Ordinal);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(19911991u, DenmCodec.Decode(Hex.Parse(ExternalVectors.InstantxDenm)).StationId);
    }

    [Fact]
    public void Every_truncation_of_the_captured_messages_is_rejected()
    {
        var cam = Hex.Parse(ExternalVectors.VanetzaCam);
        for (var length = 0; length < cam.Length; length++)
        {
            Assert.Throws<DecodeException>(() => CamCodec.Decode(cam.AsMemory(0, length)));
        }

        var denm = Hex.Parse(ExternalVectors.InstantxDenm);
        for (var length = 0; length < denm.Length; length++)
        {
            Assert.Throws<DecodeException>(() => DenmCodec.Decode(denm.AsMemory(0, length)));
        }
    }

    [Fact]
    public void An_unknown_extension_addition_is_skipped()
    {
        // CamParameters ::= SEQUENCE { ..., ... }: extension bit 1, two additions announced, the second (one this
        // codec does not know; the first is TS 103 900's extensionContainers) present holding the octet 0xAB
        // (X.691 §19.7-19.9). It is skipped and the same CAM comes out.
        var extended = Cam().Set(64, 1, 1).Append(7, 1).Append(2, 0b01).Append(8, 1).Append(8, 0xAB).ToArray();
        Assert.Equal(CamCodec.Decode(Hex.Parse(ExternalVectors.VanetzaCam)), CamCodec.Decode(extended));
    }

    public static TheoryData<string, Func<object>, string> EncoderMistakes => new()
    {
        { "heading 3602", () => CamCodec.Encode(WithHeading(new Heading(3602, 1))), Bvc + ".heading.headingValue" },
        { "speed confidence 0", () => CamCodec.Encode(WithSpeed(new Speed(0, 0))), Bvc + ".speed.speedConfidence" },
        { "transmission interval 0", () => DenmCodec.Encode(WithInterval(0)), "DENM.denm.management.transmissionInterval" },
        { "event history of 24 points", () => DenmCodec.Encode(WithHistory(24)), "DENM.denm.situation.eventHistory" },
    };

    [Theory]
    [MemberData(nameof(EncoderMistakes))]
    public void Encoder_rejects_a_value_outside_its_constraint(string name, Func<object> encode, string path)
    {
        _ = name;
        var error = Assert.ThrowsAny<ArgumentException>(encode);
        Assert.Equal(path, error.ParamName);
    }

    private static BitEditor Cam() => BitEditor.FromHex(ExternalVectors.VanetzaCam, 322);

    private static BitEditor Denm() => BitEditor.FromHex(ExternalVectors.InstantxDenm, 601);

    private static CamMessage Captured() => CamCodec.Decode(Hex.Parse(ExternalVectors.VanetzaCam));

    private static CamMessage WithHeading(Heading heading)
    {
        var cam = Captured();
        var hf = (BasicVehicleContainerHighFrequency)cam.Cam.CamParameters.HighFrequencyContainer;
        return cam with { Cam = cam.Cam with { CamParameters = cam.Cam.CamParameters with { HighFrequencyContainer = hf with { Heading = heading } } } };
    }

    private static CamMessage WithSpeed(Speed speed)
    {
        var cam = Captured();
        var hf = (BasicVehicleContainerHighFrequency)cam.Cam.CamParameters.HighFrequencyContainer;
        return cam with { Cam = cam.Cam with { CamParameters = cam.Cam.CamParameters with { HighFrequencyContainer = hf with { Speed = speed } } } };
    }

    private static DenmMessage WithInterval(int interval)
    {
        var denm = DenmCodec.Decode(Hex.Parse(ExternalVectors.InstantxDenm));
        return denm with { Denm = denm.Denm with { Management = denm.Denm.Management with { TransmissionIntervalMilliseconds = interval } } };
    }

    private static DenmMessage WithHistory(int points)
    {
        var denm = DenmCodec.Decode(Hex.Parse(ExternalVectors.InstantxDenm));
        var history = new V2x.Per.SequenceOf<EventPoint>(Enumerable.Repeat(new EventPoint(default, null, 1), points));
        return denm with { Denm = denm.Denm with { Situation = denm.Denm.Situation! with { EventHistory = history } } };
    }
}
