using PostureServer.Cvss;

namespace PostureServer.Tests.Cvss;

/// <summary>The CVSS v3.1 formulas (FIRST CVSS v3.1 specification §7, Appendix A) against published scores.</summary>
public sealed class Cvss31Tests
{
    // Base scores published with their vectors. "FIRST examples" is FIRST, "Common Vulnerability Scoring System
    // v3.1: Examples" (https://www.first.org/cvss/v3.1/examples), which scores each example with the v3.1
    // specification; "NVD" is the CVSS v3.1 base score of the CVE's NVD entry (Primary, NIST).
    public static TheoryData<string, string, double> Published => new()
    {
        { "FIRST examples: CVE-2013-1937 phpMyAdmin reflected XSS", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1 },
        { "FIRST examples: CVE-2013-0375 MySQL stored SQL injection", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4 },
        { "FIRST examples: CVE-2014-3566 SSLv3 POODLE", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1 },
        { "FIRST examples: CVE-2012-1516 VMware guest to host escape", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9 },
        { "FIRST examples: CVE-2009-0783 Apache Tomcat XML parser", "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2 },
        { "FIRST examples: CVE-2012-0384 Cisco IOS command execution", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8 },
        { "FIRST examples: CVE-2015-1098 Apple iWork denial of service", "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8 },
        { "FIRST examples: CVE-2014-0160 OpenSSL Heartbleed", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5 },
        { "FIRST examples: CVE-2014-6271 GNU Bash Shellshock", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8 },
        { "FIRST examples: CVE-2008-1447 DNS Kaminsky bug", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8 },
        { "FIRST examples: CVE-2014-2005 Sophos login screen bypass", "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8 },
        { "FIRST examples: CVE-2010-0467 Joomla directory traversal", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8 },
        { "FIRST examples: CVE-2012-1342 Cisco access control bypass", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N", 5.8 },
        { "FIRST examples: CVE-2013-6014 Juniper proxy ARP denial of service", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 9.3 },
        { "FIRST examples: CVE-2014-9253 DokuWiki reflected XSS", "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 5.4 },
        { "FIRST examples: CVE-2009-0658 Adobe Acrobat buffer overflow", "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8 },
        { "FIRST examples: CVE-2011-1265 Microsoft Windows Bluetooth RCE", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.8 },
        { "FIRST examples: CVE-2014-2019 Apple iOS security control bypass", "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 4.6 },
        { "FIRST examples: CVE-2015-0970 SearchBlox CSRF", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8 },
        { "FIRST examples: CVE-2014-0224 OpenSSL CCS injection", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 7.4 },
        { "FIRST examples: CVE-2012-5376 Chrome IPC sandbox escape", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6 },
        { "FIRST examples: CVE-2016-1645 Chrome PDFium JPEG 2000", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8 },
        { "FIRST examples: CVE-2016-0128 Windows SAM/LSAD Badlock", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N", 6.8 },
        { "NVD: CVE-2021-44228 Apache Log4j Log4Shell", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0 },
        { "NVD: CVE-2019-0708 Windows RDP BlueKeep", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8 },
        { "NVD: CVE-2017-0144 Windows SMBv1 EternalBlue", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.1 },
        { "NVD: CVE-2022-0847 Linux Dirty Pipe", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8 },
        { "NVD: CVE-2017-5753 Spectre variant 1", "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:C/C:H/I:N/A:N", 5.6 },
        { "NVD: CVE-2023-4863 libwebp heap overflow", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8 },
        { "scope changed with no impact is 0.0 (§7.1: Impact <= 0)", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N", 0.0 },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void Base_scores_equal_the_published_ones(string source, string vector, double published)
    {
        Assert.True(Cvss31.BaseScore(CvssVector.Parse(vector)) == published, $"{source}: {vector} scores {Cvss31.BaseScore(CvssVector.Parse(vector))}, published {published}");
    }

    // §7.2 worked by hand: Roundup(base × E × RL × RC) with the §7.4 values.
    public static TheoryData<string, string, double> Temporal => new()
    {
        { "no temporal metrics: the base score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8 },
        { "all X (not defined): the base score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X", 9.8 },
        { "9.8 × 0.91 (E:U) × 0.95 (RL:O) × 1 = 8.4721 → 8.5", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C", 8.5 },
        { "7.5 × 0.97 (E:F) × 0.96 (RL:T) × 0.96 (RC:R) = 6.70464 → 6.8", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/E:F/RL:T/RC:R", 6.8 },
        { "8.8 × 0.94 (E:P) × 0.97 (RL:W) × 0.92 (RC:U) = 7.38191... → 7.4", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/E:P/RL:W/RC:U", 7.4 },
        { "metrics in another order, environmental ones ignored", "CVSS:3.1/RC:C/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N/E:H/RL:U/CR:H/MAV:L", 9.8 },
    };

    [Theory]
    [MemberData(nameof(Temporal))]
    public void Temporal_scores_follow_section_7_2(string name, string vector, double expected)
    {
        Assert.True(Cvss31.TemporalScore(CvssVector.Parse(vector)) == expected, $"{name}: {Cvss31.TemporalScore(CvssVector.Parse(vector))}");
    }

    // Appendix A: Roundup(4.02) = 4.1, Roundup(4.00) = 4.0; a floating-point result a hair above a tenth stays on it.
    [Theory]
    [InlineData(4.02, 4.1)]
    [InlineData(4.00, 4.0)]
    [InlineData(4.000000000000001, 4.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(9.99, 10.0)]
    [InlineData(6.05, 6.1)]
    public void Roundup_follows_appendix_A(double input, double expected) => Assert.Equal(expected, Cvss31.Roundup(input));

    public static TheoryData<string, string> Malformed => new()
    {
        { "no prefix", "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" },
        { "CVSS 2 vector", "AV:N/AC:L/Au:N/C:P/I:P/A:P" },
        { "version 4.0", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" },
        { "a base metric missing", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H" },
        { "a metric twice", "CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" },
        { "an unknown metric", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/Q:X" },
        { "an unknown value", "CVSS:3.1/AV:Z/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" },
        { "a value of two letters", "CVSS:3.1/AV:NN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" },
        { "an empty part", "CVSS:3.1//AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" },
        { "lower case", "cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h" },
        { "X for a base metric", "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_vectors_are_a_typed_error(string name, string vector)
    {
        var e = Assert.Throws<CvssException>(() => CvssVector.Parse(vector));
        Assert.False(string.IsNullOrEmpty(e.Message), name);
        Assert.Null(CvssVector.TryParse(vector, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void A_3_0_vector_is_read_and_scored_by_the_3_1_formulas()
    {
        var v = CvssVector.Parse("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        Assert.Equal("3.0", v.Version);
        Assert.Equal(9.8, Cvss31.BaseScore(v));
    }
}
