using CsCheck;
using NanoIntegrity = Firmware.Nano.Integrity;
using NanoSecurity = Firmware.Nano.Security;
using Firmware.Nano.Oer;
using V2x.Integrity;
using V2x.Security;
using V2x.Time;

namespace Firmware.Nano.Tests.CrossCheck;

/// <summary>
/// The report and the HeaderInfo the MCU library writes are the octets V2x writes, for generated inputs (CsCheck):
/// every level, detector and coverage octet, every valid posture octet, any counter, nonce and time; CAM headers
/// without a location and DENM headers with one; with and without the report.
/// </summary>
public sealed class ReportCrossCheckTests
{
    private static readonly Gen<byte> ValidPosture = Gen.Byte.Where(b => PostureGrade.FromOctet(b) is not null);

    private static readonly Gen<(IntegrityLevel Level, byte Detectors, byte Coverage, byte Posture, uint Counter, ulong Nonce, ulong Time)> ReportInputs =
        Gen.Select(Gen.Int[0, 3], Gen.Byte, Gen.Byte, ValidPosture, Gen.UInt, Gen.ULong, Gen.ULong,
            (l, d, c, p, n, nonce, t) => ((IntegrityLevel)l, d, c, p, n, nonce, t));

    [Fact]
    public void Report_octets_equal_v2x()
    {
        ReportInputs.Sample(r =>
        {
            var expected = V2xReport(r).Encode();
            var actual = NanoReport(r).Encode();
            Assert.Equal(IntegrityReport.EncodedSize, actual.Length);
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(actual));
        }, iter: 2000);
    }

    [Fact]
    public void HeaderInfo_octets_equal_v2x()
    {
        var location = Gen.Select(Gen.Int[NanoSecurity.ThreeDLocation.LatitudeMin, NanoSecurity.ThreeDLocation.LatitudeMax],
            Gen.Int[NanoSecurity.ThreeDLocation.LongitudeMin, NanoSecurity.ThreeDLocation.LongitudeMax], Gen.UShort, (lat, lon, e) => (lat, lon, e));
        Gen.Select(ReportInputs, Gen.Bool, Gen.Bool, location, Gen.ULong[0, 0x1020407F]).Sample((r, withReport, withLocation, loc, psid) =>
        {
            var v2x = new HeaderInfo
            {
                Psid = new Psid(psid),
                GenerationTime = new Time64(r.Time),
                GenerationLocation = withLocation ? new ThreeDLocation(loc.lat, loc.lon, loc.e) : null,
            };
            if (withReport)
            {
                v2x = IntegrityReportExtension.Put(v2x, V2xReport(r));
            }

            var expected = new V2x.Oer.OerWriter(128);
            v2x.Encode(expected);
            var nano = new NanoSecurity.HeaderInfo(psid, r.Time, withLocation ? new NanoSecurity.ThreeDLocation(loc.lat, loc.lon, loc.e) : null,
                withReport ? NanoReport(r) : null);
            var actual = new OerWriter(16);
            nano.Encode(actual);
            Assert.Equal(Convert.ToHexString(expected.ToArray()), Convert.ToHexString(actual.ToArray()));
        }, iter: 2000);
    }

    [Fact]
    public void The_carrier_is_32_octets_as_v2x_counts_it()
    {
        var report = NanoReport((IntegrityLevel.Anomaly, 0x10, 0xF3, 0xE7, 7, 9, 11));
        var writer = new OerWriter(40);
        var mark = writer.BeginOpenType();
        NanoIntegrity.IntegrityReportExtension.WriteBlocks(writer, report);
        writer.EndOpenType(mark);
        Assert.Equal(IntegrityReportExtension.CarrierSize(V2xReport((IntegrityLevel.Anomaly, 0x10, 0xF3, 0xE7, 7, 9, 11))), writer.Length);
        Assert.Equal(32, writer.Length);
    }

    public static TheoryData<string, int, byte, byte, byte> RefusedReports => new()
    {
        { "level 4 is not an IntegrityLevel", 4, 0, 0xE7, 8 },
        { "posture severity 5 is reserved", 0, 0, 0xA7, 8 },
        { "poll age 6 is reserved", 0, 0, 0xE6, 8 },
        { "a nonce of seven octets", 0, 0, 0xE7, 7 },
    };

    [Theory]
    [MemberData(nameof(RefusedReports))]
    public void Caller_mistakes_are_argument_errors(string name, int level, byte detectors, byte posture, byte nonceLength)
    {
        var e = Record.Exception(() => new NanoIntegrity.IntegrityReport((NanoIntegrity.IntegrityLevel)level, (NanoIntegrity.DetectorFlags)(detectors << 8),
            NanoIntegrity.DetectorFlags.None, posture, 1, new byte[nonceLength], 1));
        Assert.True(e is ArgumentException, name);
    }

    internal static IntegrityReport V2xReport((IntegrityLevel Level, byte Detectors, byte Coverage, byte Posture, uint Counter, ulong Nonce, ulong Time) r) =>
        new(r.Level, (DetectorFlags)(r.Detectors << 8), r.Counter, r.Nonce, new Time64(r.Time))
        {
            Coverage = (DetectorFlags)(r.Coverage << 8),
            Posture = PostureGrade.FromOctet(r.Posture)!.Value,
        };

    internal static NanoIntegrity.IntegrityReport NanoReport((IntegrityLevel Level, byte Detectors, byte Coverage, byte Posture, uint Counter, ulong Nonce, ulong Time) r)
    {
        var nonce = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(nonce, r.Nonce);
        return new NanoIntegrity.IntegrityReport((NanoIntegrity.IntegrityLevel)r.Level, (NanoIntegrity.DetectorFlags)(r.Detectors << 8),
            (NanoIntegrity.DetectorFlags)(r.Coverage << 8), r.Posture, r.Counter, nonce, r.Time);
    }
}
