using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// The settings of a subcommand: an optional JSON file (--config), environment variables with the prefix OBU_
/// (OBU_KeyStore__Pin), then the command line (<see cref="FirmwareOptions"/>: the named options and any
/// <c>--Section:Key value</c>), later sources winning; and readers of typed settings with messages naming the key.
/// </summary>
public static class Settings
{
    /// <summary>Builds the configuration: <paramref name="configFile"/> (optional), OBU_ variables, then <paramref name="commandLine"/>.</summary>
    /// <exception cref="ArgumentException">A configuration file that is not there.</exception>
    public static IConfiguration Build(string? configFile, IEnumerable<KeyValuePair<string, string?>> commandLine)
    {
        var builder = new ConfigurationBuilder();
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                throw new ArgumentException($"No configuration file {configFile}.");
            }

            // A misspelt key or a malformed value in the file is a usage error naming it, never a silent default.
            SettingsCatalog.CheckFile(configFile);
            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false);
        }

        builder.AddEnvironmentVariables("OBU_");
        builder.AddInMemoryCollection(commandLine);
        return builder.Build();
    }

    /// <summary>A required setting.</summary>
    /// <exception cref="ArgumentException">Missing.</exception>
    public static string Require(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[key];
        return string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"Setting {key} is required.") : value;
    }

    /// <summary>
    /// Report:Carrier, where the secure partition puts the integrity report (Docs/formats.md §3.8): <c>facilities</c>
    /// (the default: inside the CAM or DENM) or <c>headerinfo</c> (HeaderInfo.contributedExtensions). It is the
    /// partition's own setting; the application cannot change it.
    /// </summary>
    /// <exception cref="ArgumentException">Another value.</exception>
    public static V2x.Integrity.ReportCarrier Carrier(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["Report:Carrier"]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "facilities" => V2x.Integrity.ReportCarrier.Facilities,
            "headerinfo" => V2x.Integrity.ReportCarrier.HeaderInfo,
            var other => throw new ArgumentException($"Report:Carrier is facilities or headerinfo, not '{other}'."),
        };
    }

    /// <summary>An unsigned setting with a default.</summary>
    /// <exception cref="ArgumentException">Not a number.</exception>
    public static uint UInt(IConfiguration configuration, string key, uint fallback)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return uint.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"Setting {key} must be a whole number, not '{value}'.");
    }

    /// <summary>A size in bytes with an optional K or M suffix (binary units: 4M = 4 MiB), or the default.</summary>
    /// <exception cref="ArgumentException">Not a size.</exception>
    public static long Size(IConfiguration configuration, string key, long fallback)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[key]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        var text = value.EndsWith("B", StringComparison.OrdinalIgnoreCase) ? value[..^1] : value;
        var unit = 1L;
        if (text.EndsWith('K') || text.EndsWith('k'))
        {
            unit = 1024;
            text = text[..^1];
        }
        else if (text.EndsWith('M') || text.EndsWith('m'))
        {
            unit = 1024 * 1024;
            text = text[..^1];
        }

        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 && n <= (1L << 32) / unit
            ? n * unit
            : throw new ArgumentException($"Setting {key} must be a size such as 4M, 512K or 1048576, not '{value}'.");
    }
}
