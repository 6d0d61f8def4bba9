using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// Configuration of a subcommand: an optional JSON file (--config), environment variables with the
/// prefix OBU_ (OBU_KeyStore__Pin), then the command line (--Section:Key value, or the short
/// options in <see cref="Switches"/>), later sources winning. Boolean flags (--create, --force)
/// stand alone. The file's keys and values are checked against <see cref="SettingsCatalog"/>.
/// </summary>
public static class CommandLine
{
    /// <summary>Short options and the configuration keys they set.</summary>
    public static IReadOnlyDictionary<string, string> Switches { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--flash"] = "Board:FlashImage",
        ["--board"] = "Board:Kind",
        ["--layout"] = "Board:Layout",
        ["--storage"] = "Board:StorageDirectory",
        ["--blackbox-file"] = "Board:BlackBoxFile",
        ["--rom"] = "Rom:File",
        ["--socket"] = "Socket:Path",
        ["--keystore"] = "KeyStore:Kind",
        ["--key-prefix"] = "KeyStore:LabelPrefix",
        ["--public-key"] = "BlackBox:PublicKey",
        ["--oem-dir"] = "Oem:Directory",
        ["--version"] = "Image:Version",
        ["--secure-version"] = "Image:SecureVersion",
        ["--min-secure-version"] = "Image:MinimumSecureVersion",
        ["--manifest-version"] = "Image:ManifestVersion",
        ["--policy-version"] = "Image:PolicyVersion",
        ["--sending-option"] = "Image:SendingOption",
        ["--dir"] = "Oem:Directory",
        ["--root"] = "Trust:Root",
        ["--pki"] = "Pki:Url",
        ["--station"] = "Pki:StationId",
        ["--policy"] = "Sending:Policy",
        ["--capture"] = "Capture:File",
        ["--name"] = "Node:Name",
        ["--radio-port"] = "Radio:Port",
        ["--run-seconds"] = "Run:Seconds",
        ["--upstream"] = "Upstream:Url",
        ["--tls-root"] = "Tls:Root",
        ["--upstream-queue"] = "Upstream:Queue",
        ["--carrier"] = "Report:Carrier",
        ["--posture"] = "Posture:Url",
        ["--mbr-queue"] = "Misbehaviour:Queue",
        ["--radio"] = "Radio:Kind",
        ["--radio-interface"] = "Radio:Interface",
        ["--gnss"] = "Gnss:Source",
        ["--record"] = "Record:Directory",
        ["--flash-size"] = "Board:FlashSize",
        ["--out"] = "Output:Path",
        ["--bootloader"] = "Esp32:Bootloader",
        ["--clr"] = "Esp32:Clr",
        ["--app-image"] = "Esp32:Deployment",
        ["--port"] = "Esp32:SerialPort",
        ["--target"] = "Esp32:Target",
        ["--seconds"] = "Learn:Seconds",
        ["--interval-ms"] = "Learn:IntervalMs",
        ["--policy-file"] = "Policy:File",
        ["--firewall-table"] = "Firewall:Table",
        ["--deployment"] = "Deployment:Root",
        ["--bundle"] = "Update:Bundle",
        ["--install-root"] = "Update:InstallRoot",
        ["--origin"] = "Update:Origin",
        ["--pause-at"] = "Update:PauseAt",
    };

    /// <summary>Flags without a value.</summary>
    public static IReadOnlySet<string> Flags { get; } = new HashSet<string>(StringComparer.Ordinal) { "--create", "--force" };

    /// <summary>Builds the configuration and the set of flags given.</summary>
    /// <exception cref="ArgumentException">An option without a value, a config file that is not there, or one with a key that is not a setting or a malformed value.</exception>
    public static (IConfiguration Configuration, IReadOnlySet<string> Flags) Build(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var rest = new List<string>();
        string? configFile = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (Flags.Contains(args[i]))
            {
                flags.Add(args[i]);
            }
            else if (args[i] == "--config")
            {
                configFile = i + 1 < args.Count ? args[++i] : throw new ArgumentException("--config needs a file.");
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && !args[i].Contains('=', StringComparison.Ordinal))
            {
                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"{args[i]} needs a value.");
                }

                rest.Add(args[i]);
                rest.Add(args[++i]);
            }
            else
            {
                rest.Add(args[i]);
            }
        }

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
        builder.AddCommandLine(rest.ToArray(), Switches.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
        return (builder.Build(), flags);
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
