using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// `check-config --config FILE`: loads a configuration file the way every subcommand does at start
/// (<see cref="Settings.Build"/>: the file, OBU_ environment variables, the command line) and says whether it is
/// accepted. A key that is not a setting (with the nearest setting's name) or a value of the wrong form is a usage
/// error naming the field (exit 2, <see cref="SettingsCatalog"/>); an accepted file prints one line and exits 0. It
/// opens nothing the settings name (devices, files, users): those are checked when the command that uses them starts.
/// </summary>
public static class CheckConfigCommand
{
    /// <summary>Runs the command (the file itself was checked when the configuration was built).</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlySet<string> flags, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        var file = (configuration as IConfigurationRoot)?.Providers.OfType<Microsoft.Extensions.Configuration.Json.JsonConfigurationProvider>().FirstOrDefault()
            ?? throw new ArgumentException("check-config needs --config FILE.");
        var settings = file.GetChildKeys([], null).Distinct(StringComparer.OrdinalIgnoreCase).Sum(section => Leaves(file, section));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{file.Source.Path}: configuration OK: {settings} settings, every key a setting and every value of its form")).ConfigureAwait(false);
        return 0;
    }

    private static int Leaves(IConfigurationProvider provider, string path)
    {
        var children = provider.GetChildKeys([], path).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return children.Count == 0 ? 1 : children.Sum(child => Leaves(provider, path + ConfigurationPath.KeyDelimiter + child));
    }
}
