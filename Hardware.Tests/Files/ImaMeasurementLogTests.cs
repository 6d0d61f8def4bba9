using Hardware.Linux;

namespace Hardware.Tests.Files;

/// <summary>
/// The IMA ASCII measurement list parser, on a sample written in the format of Linux
/// Documentation/security/IMA-templates.rst (this machine's kernel exposes no IMA list:
/// /sys/kernel/security/ima is absent). Template hashes are SHA-1 in hex as the kernel prints them.
/// </summary>
public sealed class ImaMeasurementLogTests
{
    private const string TemplateHash = "91f34b5c671d73504b274a919661cf80dab1e127";
    private const string Sha256 = "4fb5f5d7e9f3fa6e1b1b2d6a9e9b8e0d6d0a4c5e6f708192a3b4c5d6e7f80910";

    [Fact]
    public void The_file_templates_give_algorithm_digest_and_name()
    {
        var sample = string.Join('\n',
            $"10 {TemplateHash} ima-ng sha1:0000000000000000000000000000000000000000 boot_aggregate",
            $"10 {TemplateHash} ima 1d8d532d463c9f8c205d0df7787669a85f93e260 /usr/bin/kmod",
            $"10 {TemplateHash} ima-ng sha256:{Sha256} /opt/obu/slots/a/secure/Firmware.dll",
            $"10 {TemplateHash} ima-sig sha256:{Sha256} /opt/obu/slots/a/secure/V2x.dll 030204aabbccdd",
            $"10 {TemplateHash} ima-sig sha256:{Sha256} /opt/obu/slots/a/secure/Cti.dll ",
            $"11 {TemplateHash} ima-ngv2 ima:sha256:{Sha256} /opt/obu/slots/a/app/Firmware",
            "") + "\n";

        var list = ImaMeasurementLog.Parse(new StringReader(sample));

        Assert.Equal(6, list.Count);
        Assert.Equal(("ima-ng", "sha1", 20, "boot_aggregate"), (list[0].Template, list[0].Algorithm, list[0].Digest.Length, list[0].Path));
        Assert.Equal(("ima", "sha1", "/usr/bin/kmod"), (list[1].Template, list[1].Algorithm, list[1].Path));
        Assert.Equal(Convert.FromHexString("1d8d532d463c9f8c205d0df7787669a85f93e260"), list[1].Digest);
        Assert.Equal(("sha256", "/opt/obu/slots/a/secure/Firmware.dll"), (list[2].Algorithm, list[2].Path));
        Assert.Equal(Convert.FromHexString(Sha256), list[2].Digest);
        Assert.Equal("/opt/obu/slots/a/secure/V2x.dll", list[3].Path);
        Assert.Equal("/opt/obu/slots/a/secure/Cti.dll", list[4].Path);
        Assert.Equal((11, "sha256", "/opt/obu/slots/a/app/Firmware"), (list[5].Pcr, list[5].Algorithm, list[5].Path));
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "too few fields", $"10 {TemplateHash} ima-ng sha256:{Sha256}" },
        { "PCR not a number", $"ten {TemplateHash} ima-ng sha256:{Sha256} /a" },
        { "PCR out of range", $"24 {TemplateHash} ima-ng sha256:{Sha256} /a" },
        { "template hash not hex", $"10 zz{TemplateHash[2..]} ima-ng sha256:{Sha256} /a" },
        { "odd-length digest", $"10 {TemplateHash} ima-ng sha256:{Sha256[1..]} /a" },
        { "digest without algorithm", $"10 {TemplateHash} ima-ng :{Sha256} /a" },
        { "empty digest", $"10 {TemplateHash} ima-ng sha256: /a" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_line_off_the_format_is_a_format_error_naming_the_line(string name, string line)
    {
        var sample = $"10 {TemplateHash} ima-ng sha256:{Sha256} /ok\n{line}\n";

        var e = Assert.Throws<FormatException>(() => ImaMeasurementLog.Parse(new StringReader(sample)));

        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(name);
    }

    [Fact]
    public void Absent_on_a_kernel_without_ima()
    {
        Assert.Null(ImaMeasurementLog.OpenIfPresent(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "ascii_runtime_measurements")));
    }
}
