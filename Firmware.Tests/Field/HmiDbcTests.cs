using Firmware.Application.Decisions;
using Firmware.Application.Eebl;
using Firmware.Application.Sending;
using Hardware.Can;
using V2x.Integrity;

namespace Firmware.Tests.Field;

/// <summary>The OBU's own CAN frames (0x3E0 HMI status, 0x3E1 brake request) read through the DBC the package ships give the values encoded.</summary>
public sealed class HmiDbcTests
{
    private static readonly DbcFile Dbc = DbcFile.Load(Path.Combine(Testing.TestInfra.RepoRoot, "Hardware", "Can", "obu.dbc"));

    public static TheoryData<string, bool, IntegrityLevel, int, int, byte> HmiRows => new()
    {
        { "high anomaly, network detector, one CAM withheld", true, IntegrityLevel.HighAnomaly, 0x2000, 1, 0x24 },
        { "cleared", false, IntegrityLevel.NoAnomaly, 0, 0, 0 },
        { "compromised, many withheld", true, IntegrityLevel.Compromised, 0x0103, 65535, 0x25 },
    };

    [Theory]
    [MemberData(nameof(HmiRows))]
    public void Hmi_status_frames_decode_through_the_dbc(string name, bool detection, IntegrityLevel level, int detectors, int withheld, byte psid)
    {
        var frame = HmiCanFrames.Encode(detection, level, (DetectorFlags)detectors, withheld, psid);
        var values = (Dbc.Find(frame.Id, frame.IsExtended) ?? throw new InvalidOperationException(name)).Decode(frame);

        Assert.Equal(HmiCanFrames.Version, values["LayoutVersion"]);
        Assert.Equal(detection ? 1 : 0, values["Detection"]);
        Assert.Equal((int)level, values["Level"]);
        Assert.Equal(detectors, values["Detectors"]);
        Assert.Equal(withheld, values["Withheld"]);
        Assert.Equal(psid, values["PsidLow"]);
    }

    [Fact]
    public void Brake_requests_decode_through_the_dbc_and_encode_back()
    {
        var frame = BrakeRequestCanFrames.Encode(BrakeResponse.Full, TrustDecision.Act, DecisionRow.AssuredNoAnomaly, 1234);
        var message = Dbc.Find(BrakeRequestCanFrames.Id, false)!;
        var values = message.Decode(frame);

        Assert.Equal((double)BrakeResponse.Full, values["Response"]);
        Assert.Equal(1, values["Row"]);
        Assert.Equal(1234, values["OriginatingStation"]);
        Assert.Equal(frame.Data, message.Encode(values).Data);
        Assert.Equal(BrakeRequestCanFrames.Decode(message.Encode(values)), BrakeRequestCanFrames.Decode(frame));
    }
}
