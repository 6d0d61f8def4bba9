using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// Every setting the firmware's subcommands read, with the form of its value. A configuration file (--config) is
/// checked against it when it is loaded (<see cref="Settings.Build"/>), so a misspelt key or a value of the wrong
/// form in /etc/obu/*.json is a usage error naming the field, not a setting silently left at its default. The whole
/// numbers and sizes are checked by the same readers the commands use (<see cref="CommandLine.UInt"/>,
/// <see cref="CommandLine.Size"/>); what a value means (a file that exists, a user, an interface) is the command's
/// check when it runs. The Logging section is Microsoft.Extensions.Logging's own (any key under it).
/// </summary>
public static class SettingsCatalog
{
    /// <summary>The form of a setting's value.</summary>
    public enum Form
    {
        /// <summary>Any text (a path, a name, a URL, a list).</summary>
        Text,

        /// <summary>A whole number (<see cref="CommandLine.UInt"/>).</summary>
        WholeNumber,

        /// <summary>A size such as 4M (<see cref="CommandLine.Size"/>).</summary>
        Size,

        /// <summary>true or false.</summary>
        Boolean,

        /// <summary>A decimal number.</summary>
        Number,
    }

    /// <summary>The settings, by key (case-insensitive, as configuration keys are).</summary>
    public static IReadOnlyDictionary<string, Form> Settings { get; } = Build();

    /// <summary>Settings whose value is one of a few words (case-insensitive), as the commands accept them.</summary>
    public static IReadOnlyDictionary<string, string[]> Choices { get; } = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["Board:Kind"] = ["Simulated", "Linux", "Esp32"],
        ["KeyStore:Kind"] = ["Memory", "Pkcs11"],
        ["Radio:Kind"] = ["Udp", "Packet"],
        ["Gnss:Source"] = ["Simulated", "Gpsd", "Nmea"],
        ["Can:Kind"] = ["None", "Udp", "SocketCan", "Candump"],
        ["Hmi:Kind"] = ["None", "File"],
        ["Report:Carrier"] = ["facilities", "headerinfo"],
        ["Update:Origin"] = ["ota", "local"],
    };

    /// <summary>
    /// Checks the keys and values of one configuration file: every key must be a setting (or under Logging), every
    /// value of its form.
    /// </summary>
    /// <exception cref="ArgumentException">The first key that is not a setting (with the nearest setting's name) or value that is not of its form, naming the file and the key.</exception>
    public static void CheckFile(string path)
    {
        IConfiguration file;
        try
        {
            file = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false).Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            // System.Text.Json's message (the innermost) names the line and position.
            throw new ArgumentException($"{path} is not a JSON configuration: {e.GetBaseException().Message}", e);
        }

        foreach (var (key, value) in file.AsEnumerable().Where(kv => kv.Value is not null).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (key.StartsWith("Logging:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!Settings.TryGetValue(key, out var form))
            {
                var nearest = Nearest(key);
                throw new ArgumentException($"{path}: {key} is not a setting{(nearest is null ? "" : $" (did you mean {nearest}?)")}; the settings are listed in Firmware/README.md.");
            }

            try
            {
                Check(file, key, value!, form);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{path}: {e.Message}", e);
            }
        }
    }

    private static void Check(IConfiguration file, string key, string value, Form form)
    {
        switch (form)
        {
            case Form.WholeNumber:
                Host.Settings.UInt(file, key, 0);
                break;
            case Form.Size:
                Host.Settings.Size(file, key, 1);
                break;
            case Form.Boolean when !bool.TryParse(value, out _):
                throw new ArgumentException($"Setting {key} is true or false, not '{value}'.");
            case Form.Number when !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _):
                throw new ArgumentException($"Setting {key} must be a number, not '{value}'.");
            default:
                if (Choices.TryGetValue(key, out var words) && !words.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
                {
                    throw new ArgumentException($"Setting {key} is {string.Join(", ", words[..^1])} or {words[^1]}, not '{value}'.");
                }

                break;
        }
    }

    private static string? Nearest(string key) =>
        Settings.Keys.Select(k => (Key: k, Distance: Distance(k.ToUpperInvariant(), key.ToUpperInvariant())))
            .Where(c => c.Distance <= Math.Max(2, key.Length / 4)).OrderBy(c => c.Distance).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.Key).FirstOrDefault();

    // Levenshtein distance (insertions, deletions, substitutions).
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static Dictionary<string, Form> Build()
    {
        var settings = new Dictionary<string, Form>(StringComparer.OrdinalIgnoreCase);
        void Add(Form form, params string[] keys)
        {
            foreach (var key in keys)
            {
                settings[key] = form;
            }
        }

        // Every key a named option sets is a setting (Host/FirmwareCli.cs, FirmwareOptions.cs); the forms below refine them.
        Add(Form.Text,
            "BlackBox:PublicKey", "Board:BlackBoxFile", "Board:FlashImage", "Board:FlashSize", "Board:Kind", "Board:Layout", "Board:StorageDirectory",
            "Capture:File", "Deployment:Root", "Esp32:Bootloader", "Esp32:Clr", "Esp32:Deployment", "Esp32:SerialPort", "Esp32:Target", "Firewall:Table",
            "Gnss:Source", "Image:ManifestVersion", "Image:MinimumSecureVersion", "Image:PolicyVersion", "Image:SecureVersion", "Image:SendingOption",
            "Image:Version", "KeyStore:Kind", "KeyStore:LabelPrefix", "Learn:IntervalMs", "Learn:Seconds", "Misbehaviour:Queue", "Node:Name",
            "Oem:Directory", "Output:Path", "Pki:StationId", "Pki:Url", "Policy:File", "Posture:Url", "Radio:Interface", "Radio:Kind", "Radio:Port",
            "Record:Directory", "Report:Carrier", "Rom:File", "Run:Seconds", "Sending:Policy", "Socket:Path", "Tls:Root", "Trust:Root", "Update:Bundle",
            "Update:InstallRoot", "Update:Origin", "Update:PauseAt", "Upstream:Queue", "Upstream:Url");
        Add(Form.Text,
            "BlackBox:PublicKey", "Board:BlackBoxFile", "Board:FlashImage", "Board:Kind", "Board:Layout", "Board:StorageDirectory",
            "Can:Dbc", "Can:Group", "Can:Interface", "Can:Kind", "Can:Log", "Capture:File", "Decisions:RequiredCoverage", "Deployment:Root",
            "Firewall:Namespace", "Firewall:Table", "Gnss:Device", "Gnss:Host", "Gnss:Source", "Hmi:File", "Hmi:Kind", "Image:Version",
            "KeyStore:Kind", "KeyStore:LabelPrefix", "KeyStore:Module", "KeyStore:Pin", "KeyStore:Token", "Misbehaviour:Queue", "Node:Name",
            "Oem:Directory", "Output:Path", "Pki:StationId", "Pki:Url", "Policy:File", "Posture:Url", "Radio:Group", "Radio:Interface",
            "Radio:Kind", "Record:Directory", "Report:Carrier", "Rom:File", "Sending:Policy", "Socket:AllowedGroups", "Socket:AllowedUsers",
            "Socket:ApplicationUsers", "Socket:Group", "Socket:Path", "Tls:Root", "Trust:Root", "Update:Bundle", "Update:InstallRoot",
            "Update:Origin", "Update:PauseAt", "Upstream:Collection", "Upstream:IndicatorCollection", "Upstream:Password", "Upstream:Queue",
            "Upstream:TrustedProducers", "Upstream:Url", "Upstream:Username", "Vehicle:Make", "Vehicle:Model");
        Add(Form.WholeNumber,
            "Board:BlackBoxBytes", "Can:Port", "Counter:BlockSize", "Decisions:MinimumAssurance", "Decisions:MinimumCoverageCount",
            "Deployment:RehashMinutes", "Eebl:TriggerAtSeconds", "Gnss:ClockBoundMs", "Gnss:MaxAgeMs", "Gnss:Port", "Image:ManifestVersion",
            "Image:MinimumSecureVersion", "Image:PolicyVersion", "Image:SecureVersion", "Image:SendingOption", "Learn:IntervalMs",
            "Learn:Seconds", "Pki:Tickets", "Posture:PeriodSeconds", "Pseudonym:PeriodSeconds", "Radio:Port", "Run:Seconds",
            "Socket:IdleSeconds", "Socket:MaxConnections", "Socket:MaxPerProcess", "Socket:MaxPerUser", "Socket:ReservedForApplication",
            "Upstream:IntervalSeconds");
        Add(Form.Size, "Board:FlashSize");
        Add(Form.Boolean, "Crl:Required", "Trust:AcceptAsSentHashing");
        Add(Form.Number, "Eebl:HardBrakingDeceleration");
        return settings;
    }
}
