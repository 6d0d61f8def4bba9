using System.Text.RegularExpressions;
using Firmware.Host;

namespace Firmware.Tests.Host;

/// <summary>
/// The settings catalogue a configuration file is checked against stays true to the code: every "Section:Key" the host
/// reads (a literal in Firmware/Host) is a setting, so a correct file is never refused; and a file is refused for
/// what is not one.
/// </summary>
public sealed partial class SettingsCatalogTests : IDisposable
{
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("fw-settings");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Every_setting_the_host_reads_is_in_the_catalogue()
    {
        var sources = Directory.GetFiles(Path.Combine(Testing.TestInfra.RepoRoot, "Firmware", "Host"), "*.cs");
        var keys = sources.SelectMany(f => SettingLiteral().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .Where(k => !k.Key.StartsWith("Logging:", StringComparison.Ordinal) && k.File != "SettingsCatalog.cs")
            .ToList();

        Assert.True(keys.Count > 80, $"only {keys.Count} setting literals found: the pattern no longer matches the code");
        Assert.Empty(keys.Where(k => !SettingsCatalog.Settings.ContainsKey(k.Key)).Select(k => $"{k.File}: {k.Key}"));
    }

    public static TheoryData<string, string, int, string> Files => new()
    {
        { "every form well made, Logging free", """{ "Board": { "FlashSize": "4M" }, "Crl": { "Required": "false" }, "Eebl": { "HardBrakingDeceleration": 3.5 }, "Logging": { "LogLevel": { "Default": "Warning" } } }""", 0, "configuration OK: 4 settings" },
        { "a size that is not one", """{ "Board": { "FlashSize": "4 MB" } }""", 2, "Board:FlashSize must be a size" },
        { "a boolean that is not one", """{ "Crl": { "Required": "yes" } }""", 2, "Setting Crl:Required is true or false, not 'yes'." },
        { "a number that is not one", """{ "Eebl": { "HardBrakingDeceleration": "hard" } }""", 2, "Setting Eebl:HardBrakingDeceleration must be a number, not 'hard'." },
        { "a choice in another case", """{ "Can": { "Kind": "socketcan" } }""", 0, "configuration OK: 1 settings" },
        { "an array where a value belongs", """{ "Pki": { "Url": [ "http://a/", "http://b/" ] } }""", 2, "Pki:Url:0 is not a setting" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_file_is_accepted_or_refused_naming_the_field(string row, string json, int code, string message)
    {
        var path = Path.Combine(_dir, "settings.json");
        await File.WriteAllTextAsync(path, json);
        using var output = new StringWriter();

        var got = await FirmwareCli.RunAsync(["check-config", "--config", path], output, output, CancellationToken.None);

        Assert.True(got == code, $"{row}: exit {got}\n{output}");
        Assert.Contains(message, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_config_without_a_file_is_a_usage_error()
    {
        using var output = new StringWriter();

        Assert.Equal(2, await FirmwareCli.RunAsync(["check-config"], output, output, CancellationToken.None));
        Assert.Contains("check-config needs --config FILE", output.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("\"([A-Z][A-Za-z0-9]+:[A-Z][A-Za-z0-9]+)\"")]
    private static partial Regex SettingLiteral();
}
