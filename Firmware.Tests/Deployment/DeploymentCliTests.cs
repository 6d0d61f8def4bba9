using Firmware.Host;
using Firmware.SecurePartition.Boot;

namespace Firmware.Tests.Deployment;

/// <summary>The seal, bundle and update subcommands' mistakes: usage (2) or failure (1), never a crash; `oem init` makes the application key too.</summary>
public sealed class DeploymentCliTests : IDisposable
{
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("fw-deploy-cli");

    public DeploymentCliTests()
    {
        OemKeyFiles.Create(Path.Combine(_dir, "oem"), force: false);
        Directory.CreateDirectory(Path.Combine(_dir, "unsealed", DeploymentLayout.SecureDirectory));
        Directory.CreateDirectory(Path.Combine(_dir, "unsealed", DeploymentLayout.ApplicationDirectory));
        File.WriteAllText(Path.Combine(_dir, "oem.rom"), "not a key");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string[], int, string> Rows => new()
    {
        { "seal without a deployment", ["seal", "--oem-dir", "{dir}/oem"], 2, "Deployment:Root" },
        { "seal of a folder without secure/ and app/", ["seal", "--deployment", "{dir}/oem", "--oem-dir", "{dir}/oem"], 1, "seal refused (NotADeployment)" },
        { "seal with a secure version that is not a number", ["seal", "--deployment", "{dir}/unsealed", "--oem-dir", "{dir}/oem", "--secure-version", "two"], 2, "Image:SecureVersion" },
        { "bundle with an unknown origin", ["bundle", "--deployment", "{dir}/unsealed", "--oem-dir", "{dir}/oem", "--origin", "usb", "--out", "{dir}/b"], 2, "ota or local" },
        { "bundle of an unsealed deployment", ["bundle", "--deployment", "{dir}/unsealed", "--oem-dir", "{dir}/oem", "--origin", "ota", "--out", "{dir}/b"], 1, "bundle refused (NotADeployment)" },
        { "update without an install root", ["update", "--bundle", "{dir}/b"], 2, "Update:InstallRoot" },
        { "update with an unknown pause step", ["update", "--bundle", "{dir}/b", "--install-root", "{dir}/root", "--storage", "{dir}/nvs", "--rom", "{dir}/oem.rom", "--pause-at", "Never"], 2, "Update:PauseAt" },
        { "update with a ROM that is no key", ["update", "--bundle", "{dir}/b", "--install-root", "{dir}/root", "--storage", "{dir}/nvs", "--rom", "{dir}/oem.rom"], 1, "does not hold a P-256 public key" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Mistakes_give_usage_or_failure_exit_codes_without_crashing(string row, string[] args, int code, string message)
    {
        using var output = new StringWriter();

        var got = await FirmwareCli.RunAsync(args.Select(a => a.Replace("{dir}", _dir, StringComparison.Ordinal)).ToList(), output, output, CancellationToken.None);

        Assert.True(got == code, $"{row}: {got}\n{output}");
        Assert.Contains(message, output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "b")));
        Assert.False(Directory.Exists(Path.Combine(_dir, "unsealed", DeploymentLayout.SealDirectory)));
    }

    [Fact]
    public void Oem_init_makes_the_application_key_beside_the_oem_key_private_to_its_owner()
    {
        var oem = Path.Combine(_dir, "oem");

        using var application = OemKeyFiles.LoadApplicationKey(oem);
        using var key = OemKeyFiles.Load(oem);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(oem, OemKeyFiles.ApplicationStage + ".key")));
        Assert.NotEqual(BootRom.EncodeKey(key.PublicKey), BootRom.EncodeKey(application.PublicKey));
        File.Delete(Path.Combine(oem, OemKeyFiles.ApplicationStage + ".key"));
        Assert.Throws<InvalidDataException>(() => OemKeyFiles.LoadApplicationKey(oem));
    }
}
