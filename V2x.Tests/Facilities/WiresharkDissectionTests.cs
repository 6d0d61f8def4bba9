using CsCheck;
using Testing.Tshark;
using V2x.Facilities.Cam;
using V2x.Facilities.Denm;
using V2x.GeoNetworking;
using V2x.Tests.Pcap;

namespace V2x.Tests.Facilities;

/// <summary>
/// Writes the frames of <see cref="WiresharkCases"/> and of 150 generated CAMs and DENMs (fixed
/// seeds) into one pcap and has tshark dissect it once for the whole class.
/// </summary>
public sealed class WiresharkCapture : IDisposable
{
    public const int GeneratedCount = 150;
    private readonly PcapFiles _files = new();

    public WiresharkCapture()
    {
        GeneratedCams = FacilitiesGen.Cam.Array[GeneratedCount].Generate(new PCG(20240001), null, out _);
        GeneratedDenms = FacilitiesGen.DenmForWireshark.Array[GeneratedCount].Generate(new PCG(20240002), null, out _);
        var frames = WiresharkCases.Cams.Select(c => StackFrames.Cam(c.Cam, c.Source))
            .Concat(WiresharkCases.Denms.Select(d => StackFrames.Denm(d.Denm, d.Source, d.SequenceNumber, d.Area)))
            .Concat(GeneratedCams.Select((c, i) => StackFrames.Cam(c, StackFrames.Source(0, 0, 0, 0, (uint)i))))
            .Concat(GeneratedDenms.Select((d, i) => StackFrames.Denm(d, StackFrames.Source(0, 0, 0, 0, (uint)i), (ushort)i, GeoArea.Circle(0, 0, 1000))));
        Path = _files.Write("stack.pcap", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), frames);
        Capture = TsharkRunner.Dissect(Path);
    }

    public string Path { get; }

    public TsharkCapture Capture { get; }

    public CamMessage[] GeneratedCams { get; }

    public DenmMessage[] GeneratedDenms { get; }

    public TsharkFrame Frame(int index) => Capture.Frames[index];

    public void Dispose() => _files.Dispose();
}

/// <summary>
/// tshark (Wireshark 4.0) dissects what this stack encodes: Ethernet, GeoNetworking SHB and GBC,
/// BTP-B, CAM and DENM, with no malformed mark and no warning or error expert item, and its field
/// values equal the encoded ones.
/// </summary>
public sealed class WiresharkDissectionTests : IClassFixture<WiresharkCapture>
{
    private readonly WiresharkCapture _capture;

    public WiresharkDissectionTests(WiresharkCapture capture)
    {
        _capture = capture;
    }

    public static TheoryData<int, string> CamCases => Numbered(WiresharkCases.Cams.Select(c => c.Name));

    public static TheoryData<int, string> DenmCases => Numbered(WiresharkCases.Denms.Select(d => d.Name));

    [Fact]
    public void Every_frame_dissects_without_problems()
    {
        var expected = WiresharkCases.Cams.Count + WiresharkCases.Denms.Count + (2 * WiresharkCapture.GeneratedCount);
        Assert.Equal(expected, _capture.Capture.Frames.Count);
        Assert.True(_capture.Capture.Problems.Count == 0, string.Join(Environment.NewLine, _capture.Capture.Problems));
        Assert.All(_capture.Capture.Frames, f => Assert.Equal(["eth", "ethertype", "gnw", "btpb", "its"], f.Protocols));
    }

    [Theory]
    [MemberData(nameof(CamCases))]
    public void Cam_fields_match_what_was_encoded(int index, string name)
    {
        var (_, cam, source) = WiresharkCases.Cams[index];
        var frame = _capture.Frame(index);
        Assert.True(frame.Problems.Count == 0, $"{name}: {string.Join("; ", frame.Problems)}");
        AssertShb(frame, source);
        Assert.Equal(BtpPortsCam, frame.Integer("btpb.dstport"));
        Assert.Equal(0, frame.Integer("btpb.dstportinf"));
        AssertCam(frame, cam);
    }

    [Theory]
    [MemberData(nameof(DenmCases))]
    public void Denm_fields_match_what_was_encoded(int index, string name)
    {
        var (_, denm, source, sequenceNumber, area) = WiresharkCases.Denms[index];
        var frame = _capture.Frame(WiresharkCases.Cams.Count + index);
        Assert.True(frame.Problems.Count == 0, $"{name}: {string.Join("; ", frame.Problems)}");
        Assert.Equal(1, frame.Integer("geonw.bh.version"));
        Assert.Equal(1, frame.Integer("geonw.bh.nh"));
        Assert.Equal(10, frame.Integer("geonw.bh.rhl"));
        Assert.Equal($"0x{0x40 | (int)area.Shape:x2}", frame.Value("geonw.ch.htype"));
        Assert.Equal(sequenceNumber, frame.Integer("geonw.seq_num"));
        Assert.Equal(source.LatitudeTenthMicrodegrees, frame.Integer("geonw.src_pos.lat"));
        Assert.Equal(source.LongitudeTenthMicrodegrees, frame.Integer("geonw.src_pos.long"));
        Assert.Equal(source.Timestamp.Milliseconds, frame.Integer("geonw.src_pos.tst"));
        Assert.Equal(area.CenterLatitudeTenthMicrodegrees, frame.Integer("geonw.gxc.latitude"));
        Assert.Equal(area.CenterLongitudeTenthMicrodegrees, frame.Integer("geonw.gxc.longitude"));
        Assert.Equal(area.DistanceAMetres, frame.Integer(area.Shape == GeoAreaShape.Circle ? "geonw.gxc.radius" : "geonw.gxc.distancea"));
        Assert.Equal(BtpPortsDenm, frame.Integer("btpb.dstport"));
        AssertDenm(frame, denm);
    }

    [Fact]
    public void Generated_cams_match_what_was_encoded()
    {
        for (var i = 0; i < _capture.GeneratedCams.Length; i++)
        {
            AssertCam(_capture.Frame(WiresharkCases.Cams.Count + WiresharkCases.Denms.Count + i), _capture.GeneratedCams[i]);
        }
    }

    [Fact]
    public void Generated_denms_match_what_was_encoded()
    {
        var first = WiresharkCases.Cams.Count + WiresharkCases.Denms.Count + WiresharkCapture.GeneratedCount;
        for (var i = 0; i < _capture.GeneratedDenms.Length; i++)
        {
            AssertDenm(_capture.Frame(first + i), _capture.GeneratedDenms[i]);
        }
    }

    private static TheoryData<int, string> Numbered(IEnumerable<string> names)
    {
        var data = new TheoryData<int, string>();
        var index = 0;
        foreach (var name in names)
        {
            data.Add(index++, name);
        }

        return data;
    }

    private const long BtpPortsCam = V2x.Btp.BtpPorts.Cam;
    private const long BtpPortsDenm = V2x.Btp.BtpPorts.Denm;

    private static void AssertShb(TsharkFrame frame, LongPositionVector source)
    {
        Assert.Equal(1, frame.Integer("geonw.bh.version"));
        Assert.Equal(1, frame.Integer("geonw.bh.nh"));
        Assert.Equal(0x1A, frame.Integer("geonw.bh.lt"));
        Assert.Equal(1, frame.Integer("geonw.bh.rhl"));
        Assert.Equal(2, frame.Integer("geonw.ch.nh"));
        Assert.Equal("0x50", frame.Value("geonw.ch.htype"));
        Assert.Equal(1, frame.Integer("geonw.ch.flags.mob"));
        Assert.Equal(1, frame.Integer("geonw.ch.mhl"));
        Assert.Equal(source.Timestamp.Milliseconds, frame.Integer("geonw.src_pos.tst"));
        Assert.Equal(source.LatitudeTenthMicrodegrees, frame.Integer("geonw.src_pos.lat"));
        Assert.Equal(source.LongitudeTenthMicrodegrees, frame.Integer("geonw.src_pos.long"));
        Assert.Equal(source.SpeedCentimetresPerSecond, frame.Integer("geonw.src_pos.speed"));
        Assert.Equal(source.HeadingDeciDegrees, frame.Integer("geonw.src_pos.hdg"));
        Assert.Equal(source.PositionAccurate ? 1 : 0, frame.Integer("geonw.src_pos.pai"));
    }

    private static void AssertCam(TsharkFrame frame, CamMessage cam)
    {
        var parameters = cam.Cam.CamParameters;
        Assert.Equal(2, frame.Integer("its.protocolVersion"));
        Assert.Equal(2, frame.Integer("its.messageID"));
        Assert.Equal(cam.StationId, frame.Integer("its.stationID"));
        Assert.Equal(cam.Cam.GenerationDeltaTime.Milliseconds, frame.Integer("cam.generationDeltaTime"));
        Assert.Equal((long)parameters.BasicContainer.StationType, frame.Integer("cam.stationType"));
        Assert.Equal(parameters.BasicContainer.ReferencePosition.LatitudeTenthMicrodegrees, frame.Integers("its.latitude")[0]);
        Assert.Equal(parameters.BasicContainer.ReferencePosition.LongitudeTenthMicrodegrees, frame.Integers("its.longitude")[0]);
        if (parameters.HighFrequencyContainer is BasicVehicleContainerHighFrequency hf)
        {
            Assert.Equal(hf.Heading.ValueDeciDegrees, frame.Integer("its.headingValue"));
            Assert.Equal(hf.Speed.ValueCentimetresPerSecond, frame.Integer("its.speedValue"));
            Assert.Equal((long)hf.DriveDirection, frame.Integer("cam.driveDirection"));
            Assert.Equal(hf.VehicleWidthDecimetres, frame.Integer("cam.vehicleWidth"));
            Assert.Equal(hf.YawRate.ValueCentiDegreesPerSecond, frame.Integer("its.yawRateValue"));
        }
        else
        {
            Assert.True(frame.Has("cam.rsuContainerHighFrequency_element"));
        }

        Assert.Equal(parameters.LowFrequencyContainer is not null, frame.Has("cam.basicVehicleContainerLowFrequency_element"));
        if (parameters.LowFrequencyContainer is { } low)
        {
            Assert.Equal((long)low.VehicleRole, frame.Integer("cam.vehicleRole"));
        }

        Assert.Equal(parameters.SpecialVehicleContainer is not null, frame.Has("cam.specialVehicleContainer"));
    }

    private static void AssertDenm(TsharkFrame frame, DenmMessage denm)
    {
        var management = denm.Denm.Management;
        Assert.Equal(1, frame.Integer("its.messageID"));
        Assert.Equal(denm.StationId, frame.Integer("its.stationID"));
        Assert.Equal(management.ActionId.OriginatingStationId, frame.Integers("its.originatingStationID")[0]);
        Assert.Equal(management.ActionId.SequenceNumber, frame.Integers("its.sequenceNumber")[0]);
        Assert.Equal(management.DetectionTime.Milliseconds, frame.Integer("denm.detectionTime"));
        Assert.Equal(management.ReferenceTime.Milliseconds, frame.Integer("denm.referenceTime"));
        Assert.Equal(management.EventPosition.LatitudeTenthMicrodegrees, frame.Integers("its.latitude")[0]);
        Assert.Equal(management.EventPosition.LongitudeTenthMicrodegrees, frame.Integers("its.longitude")[0]);
        Assert.Equal(management.ValidityDurationSeconds != ManagementContainer.DefaultValiditySeconds, frame.Has("denm.validityDuration"));
        Assert.Equal((long)management.StationType, frame.Integer("denm.stationType"));
        if (denm.Denm.Situation is { } situation)
        {
            Assert.Equal((long)situation.EventType.Cause, frame.Integers("its.causeCode")[0]);
            Assert.Equal(situation.EventType.SubCause, frame.Integers("its.subCauseCode")[0]);
            Assert.Equal(situation.InformationQuality, frame.Integer("denm.informationQuality"));
        }
        else
        {
            Assert.False(frame.Has("denm.situation_element"));
        }

        if (denm.Denm.Location is { } location)
        {
            Assert.Equal(location.EventSpeed.HasValue, frame.Has("denm.eventSpeed_element"));
            Assert.Equal(location.Traces.Count, frame.Integers("its.PathHistory").Count);
            Assert.Equal(location.Traces.Select(t => (long)t.Points.Count), frame.Integers("its.PathHistory"));
        }

        Assert.Equal(denm.Denm.Alacarte is not null, frame.Has("denm.alacarte_element"));
    }
}
