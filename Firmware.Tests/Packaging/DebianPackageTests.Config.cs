using Firmware.Host;

namespace Firmware.Tests.Packaging;

/// <summary>
/// Issue 12: the packaged /etc/obu/app.json and partition.json as the host loads them at start
/// (<see cref="Settings.Build"/>, checked against <see cref="SettingsCatalog"/>): the installed executable accepts
/// both as installed (`check-config` at the installed paths); a copy with a misspelt key, a value of the wrong form or
/// broken JSON is a usage error naming the field (exit 2), both from `check-config` and from the command that reads
/// the file at start, which then starts nothing.
/// </summary>
public sealed partial class DebianPackageTests
{
    [Theory]
    [InlineData("app.json")]
    [InlineData("partition.json")]
    public void The_installed_executable_accepts_the_installed_configuration(string file)
    {
        var (code, output) = DebianPackages.RunInstalled(packages.Roots["amd64"], "check-config", "--config", "/etc/obu/" + file);

        Assert.True(code == 0, output);
        Assert.StartsWith($"{file}: configuration OK: ", output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string, string> Mistakes => new()
    {
        { "a misspelt section", "app.json", "\"Socket\":", "\"Sokcet\":", "Sokcet:Path is not a setting (did you mean Socket:Path?)" },
        { "a misspelt key", "partition.json", "\"RehashMinutes\"", "\"RehashMinute\"", "Deployment:RehashMinute is not a setting (did you mean Deployment:RehashMinutes?)" },
        { "a key of no setting at all", "app.json", "\"Node\": {", "\"Node\": { \"Colour\": \"red\",", "Node:Colour is not a setting;" },
        { "a word for a number", "app.json", "\"Tickets\": \"3\"", "\"Tickets\": \"three\"", "Setting Pki:Tickets must be a whole number, not 'three'." },
        { "a JSON boolean for a port", "app.json", "\"Port\": \"2947\"", "\"Port\": true", "Setting Gnss:Port must be a whole number, not '" },
        { "a negative rehash period", "partition.json", "\"RehashMinutes\": \"60\"", "\"RehashMinutes\": -5", "Setting Deployment:RehashMinutes must be a whole number, not '-5'." },
        { "an unknown board kind", "partition.json", "\"Kind\": \"Linux\"", "\"Kind\": \"Linx\"", "Setting Board:Kind is Simulated, Linux or Esp32, not 'Linx'." },
        { "an unknown radio kind", "app.json", "\"Kind\": \"Packet\"", "\"Kind\": \"Pakcet\"", "Setting Radio:Kind is Udp or Packet, not 'Pakcet'." },
        { "a section given as text", "partition.json", "\"Rom\": { \"File\": \"/etc/obu/oem.rom\" }", "\"Rom\": \"/etc/obu/oem.rom\"", "Rom is not a setting;" },
        { "broken JSON", "app.json", "\"Node\": {", "\"Node\": {{", "is not a JSON configuration: " },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_mistake_in_a_copy_of_the_installed_configuration_is_a_usage_error_naming_the_field(
        string row, string file, string find, string replace, string message)
    {
        var installed = await File.ReadAllTextAsync(Path.Combine(packages.Roots["amd64"], "etc/obu", file));
        Assert.True(installed.Contains(find, StringComparison.Ordinal), $"{row}: the installed {file} has no {find}");
        var copy = Path.Combine(packages.Folder, Guid.NewGuid().ToString("N")[..8] + "-" + file);
        await File.WriteAllTextAsync(copy, installed.Replace(find, replace, StringComparison.Ordinal));
        var command = file == "app.json" ? "app" : "secure-partition";
        try
        {
            foreach (var name in new[] { "check-config", command })
            {
                using var output = new StringWriter();

                var code = await FirmwareCli.RunAsync([name, "--config", copy], output, output, CancellationToken.None);

                Assert.True(code == 2, $"{row}, {name}: exit {code}\n{output}");
                Assert.StartsWith($"Firmware {name}: {copy}", output.ToString(), StringComparison.Ordinal);
                Assert.Contains(message, output.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
