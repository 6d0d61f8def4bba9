using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Firmware.Host;

/// <summary>
/// The firmware executable's options. Each setting option sets one configuration key (<see cref="Settings"/>), so the
/// same setting can come from the --config file or an OBU_ variable instead; values typed on the command line are
/// checked at parse time with a message naming the option and its key (exit 2), values from the other sources when the
/// command reads them. Any other key is given as <c>--Section:Key value</c> (Firmware/README.md, "Settings").
/// </summary>
public static class FirmwareOptions
{
    /// <summary>An option setting a configuration key.</summary>
    public sealed record Setting(Option<string> Option, string Key);

    /// <summary>--config FILE: the JSON settings file (a systemd unit's whole configuration).</summary>
    public static Option<string> Config() => new("--config") { Description = "JSON settings file (then OBU_ variables, then the command line)", HelpName = "FILE" };

    /// <summary>A flag (--create, --force).</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>The board: flash image, kind, storage, black box and ROM.</summary>
    public static IEnumerable<Setting> Board() =>
    [
        Text("--flash", "Board:FlashImage", "the simulated board's flash image", "FLASH"),
        Text("--board", "Board:Kind", "Simulated (default), Linux or Esp32", "KIND", "Simulated", "Linux", "Esp32"),
        Text("--storage", "Board:StorageDirectory", "the Linux board's storage folder", "DIR"),
        Text("--blackbox-file", "Board:BlackBoxFile", "the Linux board's black-box file", "FILE"),
        Text("--rom", "Rom:File", "the OEM ROM file (default beside the flash or storage)", "FILE"),
        Text("--firewall-table", "Firewall:Table", "the nftables table the IDF watches", "\"FAMILY NAME\""),
    ];

    /// <summary>The partition's key store.</summary>
    public static IEnumerable<Setting> KeyStore() =>
    [
        Text("--keystore", "KeyStore:Kind", "Memory (default) or Pkcs11 (KeyStore:Module, :Token, :Pin)", "KIND", "Memory", "Pkcs11"),
        Text("--key-prefix", "KeyStore:LabelPrefix", "the key labels' prefix (default idf-)", "PREFIX"),
    ];

    /// <summary>What only the secure partition decides: the report's carrier, the deployment it measures.</summary>
    public static IEnumerable<Setting> Partition() =>
    [
        // Docs/formats.md §3.8: inside the CAM/DENM, or 1609.2 HeaderInfo.contributedExtensions.
        Text("--carrier", "Report:Carrier", "where the integrity report goes: facilities (default) or headerinfo", "CARRIER", "facilities", "headerinfo"),
        Text("--deployment", "Deployment:Root", "the sealed deployment the IDF re-measures", "DIR"),
        Text("--gnss", "Gnss:Source", "Simulated (default), Gpsd or Nmea", "SOURCE", "Simulated", "Gpsd", "Nmea"),
    ];

    /// <summary>The application side: trust, PKI, radio, capture, upstream, posture.</summary>
    public static IEnumerable<Setting> Node() =>
    [
        Text("--root", "Trust:Root", "the PKI's root certificate (COER)", "ROOT.cert"),
        Text("--pki", "Pki:Url", "the PKI service (enrolment, tickets, CRLs)", "URL"),
        Text("--station", "Pki:StationId", "the station identifier registered at the PKI", "ID"),
        Text("--policy", "Sending:Policy", "the sending policy", "POLICY"),
        Text("--capture", "Capture:File", "write the frames sent and received to a pcap file", "FILE.pcap"),
        Text("--name", "Node:Name", "the node's name in logs", "NAME"),
        Port("--radio-port", "Radio:Port", "the UDP radio's port"),
        Whole("--run-seconds", "Run:Seconds", "stop after this many seconds (default: until SIGTERM)"),
        Text("--upstream", "Upstream:Url", "the sharing community hub (TAXII)", "URL"),
        Text("--tls-root", "Tls:Root", "the CA the upstream and PKI TLS certificates chain to", "CA.pem"),
        Text("--upstream-queue", "Upstream:Queue", "the upstream forwarder's queue file", "FILE"),
        Text("--posture", "Posture:Url", "the posture server", "URL"),
        Text("--mbr-queue", "Misbehaviour:Queue", "the misbehaviour reports' queue file", "FILE"),
        Text("--radio", "Radio:Kind", "Udp (default) or Packet", "KIND", "Udp", "Packet"),
        Text("--radio-interface", "Radio:Interface", "the packet radio's network interface", "IFACE"),
        Text("--record", "Record:Directory", "record the drive into this folder", "DIR"),
    ];

    /// <summary>The image's versions (flash, seal, esp32).</summary>
    public static IEnumerable<Setting> Image() =>
    [
        Text("--version", "Image:Version", "the release (e.g. 1.2.0)", "V"),
        Whole("--secure-version", "Image:SecureVersion", "the anti-rollback secure version"),
        Whole("--min-secure-version", "Image:MinimumSecureVersion", "the lowest secure version the ROM accepts"),
        Whole("--manifest-version", "Image:ManifestVersion", "the manifest's version"),
        Whole("--policy-version", "Image:PolicyVersion", "the policy's version"),
    ];

    /// <summary>The OEM key folder.</summary>
    public static Setting OemDirectory(string name = "--oem-dir") => Text(name, "Oem:Directory", "the OEM key folder (Firmware oem init)", "DIR");

    /// <summary>An output file.</summary>
    public static Setting Out(string description) => Text("--out", "Output:Path", description, "FILE");

    /// <summary>A text setting; with <paramref name="choices"/>, one of them (any case; offered on tab completion).</summary>
    public static Setting Text(string name, string key, string description, string valueName, params string[] choices)
    {
        var option = new Option<string>(name) { Description = $"{description} [{key}]", HelpName = valueName };
        if (choices.Length > 0)
        {
            option.CompletionSources.Add(choices);
            option.Validators.Add(r => Check(r, name, key, choices.Contains(Value(r), StringComparer.OrdinalIgnoreCase), Either(choices)));
        }

        return new Setting(option, key);
    }

    /// <summary>A whole-number setting (0..4294967295).</summary>
    public static Setting Whole(string name, string key, string description)
    {
        var option = new Option<string>(name) { Description = $"{description} [{key}]", HelpName = "N" };
        option.Validators.Add(r => Check(r, name, key, uint.TryParse(Value(r), NumberStyles.None, CultureInfo.InvariantCulture, out _), "a whole number"));
        return new Setting(option, key);
    }

    /// <summary>A port setting (0..65535).</summary>
    public static Setting Port(string name, string key, string description)
    {
        var option = new Option<string>(name) { Description = $"{description} [{key}]", HelpName = "0..65535" };
        option.Validators.Add(r => Check(r, name, key, ushort.TryParse(Value(r), NumberStyles.None, CultureInfo.InvariantCulture, out _), "a port 0..65535"));
        return new Setting(option, key);
    }

    private static string Either(string[] choices) => choices.Length == 1 ? choices[0] : string.Join(", ", choices[..^1]) + " or " + choices[^1];

    private static string Value(OptionResult r) => r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";

    private static void Check(OptionResult r, string name, string key, bool valid, string expected)
    {
        if (!valid)
        {
            r.AddError($"{name} ({key}) is {expected}, not '{Value(r)}'.");
        }
    }
}
