using V2x.Integrity;
using V2x.Oer;
using V2x.Security;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Tests.Security;
using V2x.Time;

namespace V2x.Tests.Integrity;

/// <summary>The integrity report in HeaderInfo.contributedExtensions and the assurance PSID in certificates.</summary>
public sealed class IntegrityCarrierTests
{
    private static readonly IntegrityReport Report = new(IntegrityLevel.Anomaly, DetectorFlags.Memory | DetectorFlags.Network,
        uint.MaxValue, 0x0102030405060708, TestPki.Now)
    {
        Coverage = DetectorFlags.Memory | DetectorFlags.Network | DetectorFlags.Process | DetectorFlags.IntegrityCheck,
        Posture = new PostureGrade(PostureSeverity.High, appUpToDate: true, idfUpToDate: false, PollAge.WithinDay),
    };

    [Fact]
    public void Report_encodes_to_the_documented_25_octets_and_round_trips()
    {
        var bytes = Report.Encode();

        // version 2, level anomaly, detectors 0110 0000, coverage 0111 0010, posture 011 1 0 001.
        Assert.Equal("0201" + "60" + "72" + "71" + "ffffffff" + "0102030405060708" + Hex.Of(BitConverter.GetBytes(TestPki.Now.Microseconds).Reverse().ToArray()), Hex.Of(bytes));
        Assert.Equal(Report, IntegrityReport.Decode(bytes));
    }

    [Fact]
    public void Carrier_is_at_most_32_octets_on_the_air()
    {
        Assert.Equal(32, IntegrityReportExtension.CarrierSize(Report));

        // Measured on a real message: the header with the report minus the header without it.
        var plain = new HeaderInfo { Psid = Psid.Cam, GenerationTime = TestPki.Now };
        var withReport = IntegrityReportExtension.Put(plain, Report);
        var grown = Size(withReport) - Size(plain);
        Assert.Equal(32 + 3, grown); // + the HeaderInfo extension-presence bitmap shared by all additions
        Assert.True(IntegrityReportExtension.CarrierSize(Report) <= 32);
    }

    [Fact]
    public void Signed_message_carries_the_report_and_a_receiver_that_ignores_it_still_verifies()
    {
        var pki = new TestPki(SignatureAlgorithm.EcdsaNistP256);
        var header = IntegrityReportExtension.Put(new HeaderInfo { Psid = Psid.Cam, GenerationTime = TestPki.Now }, Report);
        var bytes = pki.Signer.SignPayload(TestPki.CamPayload(), header, SignerChoice.Certificate);
        using var cache = new VerificationKeyCache();
        var verified = pki.NewVerifier(cache).DecodeAndVerify(bytes);
        Assert.Equal(Report, IntegrityReportExtension.Read(verified.HeaderInfo));

        // A legacy view: the contributor is unknown, its block is kept as opaque octets and skipped.
        var block = Assert.Single(verified.HeaderInfo.ContributedExtensions!);
        Assert.Equal(IntegrityReportExtension.ContributorId, block.ContributorId);
        Assert.Null(IntegrityReportExtension.Read(new HeaderInfo { Psid = Psid.Cam }));
    }

    public static TheoryData<string, string, string> BadReports => new()
    {
        { "version 1 (24 octets)", "0101" + new string('0', 44), "version" },
        { "version 3", "0301" + "0000" + "00" + new string('0', 40), "version" },
        { "undefined level 4", "0204" + "0000" + "00" + new string('0', 40), "undefined enumeration" },
        { "reserved posture severity 5", "0200" + "0000" + "a0" + new string('0', 40), "posture" },
        { "reserved posture age 6", "0200" + "0000" + "06" + new string('0', 40), "posture" },
        { "truncated", "0200" + "0000" + "00" + new string('0', 38), "truncated" },
        { "trailing byte", "0200" + "0000" + "00" + new string('0', 42), "trailing" },
    };

    [Theory]
    [MemberData(nameof(BadReports))]
    public void Malformed_report_is_a_decode_exception(string name, string hex, string reason)
    {
        var error = Assert.Throws<DecodeException>(() => IntegrityReport.Decode(Hex.Parse(hex)));
        Assert.True(error.Reason.Contains(reason, StringComparison.OrdinalIgnoreCase), name);
    }

    [Fact]
    public void Detector_bits_outside_the_eight_classes_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntegrityReport(IntegrityLevel.NoAnomaly, (DetectorFlags)0x0001, 0, 0, TestPki.Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => Report with { Coverage = (DetectorFlags)0x0080 });
    }

    public static TheoryData<string, byte, PostureSeverity, bool, bool, PollAge> Grades => new()
    {
        { "not assessed", 0xE7, PostureSeverity.NotAssessed, false, false, PollAge.Never },
        { "none known, all current, fresh", 0x18, PostureSeverity.None, true, true, PollAge.WithinHour },
        { "critical, app current, a month old", 0x93, PostureSeverity.Critical, true, false, PollAge.WithinMonth },
        { "medium, IDF current, older", 0x4C, PostureSeverity.Medium, false, true, PollAge.Older },
    };

    [Theory]
    [MemberData(nameof(Grades))]
    public void Posture_grade_octet_has_the_documented_bits(string name, byte octet, PostureSeverity severity, bool app, bool idf, PollAge age)
    {
        var grade = new PostureGrade(severity, app, idf, age);
        Assert.True(octet == grade.Value, name);
        Assert.Equal(grade, PostureGrade.FromOctet(octet));
    }

    [Theory]
    [InlineData(0.0, PostureSeverity.None)]
    [InlineData(0.1, PostureSeverity.Low)]
    [InlineData(3.9, PostureSeverity.Low)]
    [InlineData(4.0, PostureSeverity.Medium)]
    [InlineData(6.9, PostureSeverity.Medium)]
    [InlineData(7.0, PostureSeverity.High)]
    [InlineData(8.9, PostureSeverity.High)]
    [InlineData(9.0, PostureSeverity.Critical)]
    [InlineData(10.0, PostureSeverity.Critical)]
    public void Cvss_ratings_follow_the_specification(double score, PostureSeverity expected)
    {
        // CVSS v3.1 specification §5, Table 14 (qualitative severity rating scale).
        Assert.Equal(expected, PostureGrade.SeverityOf(score));
    }

    [Fact]
    public void Assurance_level_travels_in_the_ticket_and_legacy_tickets_have_none()
    {
        var assured = new TestPki(SignatureAlgorithm.EcdsaNistP256, integrityAssurance: 5);
        var decoded = V2x.Security.Certificates.Certificate.Decode(assured.Ticket.Encoded);
        Assert.Equal((byte)5, IntegrityAssurance.Read(decoded.ToBeSigned));
        var legacy = new TestPki(SignatureAlgorithm.EcdsaNistP256, integrityAssurance: null);
        Assert.Null(IntegrityAssurance.Read(legacy.Ticket.ToBeSigned));
        Assert.Throws<ArgumentOutOfRangeException>(() => IntegrityAssurance.Permission(8));
    }

    [Fact]
    public void Malformed_assurance_ssp_is_a_decode_exception()
    {
        var pki = new TestPki(SignatureAlgorithm.EcdsaNistP256, integrityAssurance: null);
        var tbs = pki.Ticket.ToBeSigned with
        {
            AppPermissions = [new V2x.Security.Certificates.PsidSsp(IntegrityAssurance.Psid, V2x.Security.Certificates.ServiceSpecificPermissions.Opaque([1, 9]))],
        };
        Assert.Throws<DecodeException>(() => IntegrityAssurance.Read(tbs));
    }

    private static int Size(HeaderInfo header)
    {
        var writer = new OerWriter();
        header.Encode(writer);
        return writer.Length;
    }
}
