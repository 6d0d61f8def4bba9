using System.CommandLine;
using CommandLine;
using Microsoft.Extensions.Configuration;
using static Firmware.Host.FirmwareOptions;

namespace Firmware.Host;

/// <summary>
/// The subcommands of the firmware executable, on System.CommandLine (conventions in CommandLine/; `Firmware --help` and
/// `Firmware COMMAND --help` list every option with its configuration key):
/// <code>
/// Firmware secure-partition --flash FLASH --socket PATH [--keystore Memory|Pkcs11] [--config FILE]
/// Firmware app --socket PATH --root ROOT.cert [--pki URL [--station ID]] [--capture FILE.pcap]
/// Firmware obu --flash FLASH --root ROOT.cert [--pki URL [--station ID]] [--capture FILE.pcap]
/// Firmware blackbox verify --flash FLASH [--public-key HEX] [--keystore Pkcs11 ...]
/// Firmware flash --flash FLASH --oem-dir DIR [--create] [--layout obu-small|obu-64m] [--version V] [--secure-version N] [--sending-option 1|2|3]
/// Firmware oem init --dir DIR [--force]
/// Firmware learn --out FILE [--seconds N] [--interval-ms M] [--firewall-table "FAMILY NAME"]
/// Firmware policy sign --policy-file FILE --oem-dir DIR (--storage DIR [--rom FILE] | --out FILE)
/// Firmware seal --deployment DIR --oem-dir DIR [--version V] [--secure-version N] [--manifest-version N]
/// Firmware bundle --deployment DIR --oem-dir DIR --origin ota|local --out FILE
/// Firmware update --bundle FILE --install-root ROOT --storage DIR --rom FILE [--pause-at STEP]
/// Firmware self-test
/// Firmware canonical-key --keystore Pkcs11 [--key-prefix P] ...
/// Firmware check-config --config FILE
/// </code>
/// Every command also takes --config FILE and any setting as --Section:Key VALUE. Exit codes: 0 success, 1 the
/// operation failed (a bad black box, a refused flash), 2 usage (also a missing or malformed setting).
/// </summary>
public static class FirmwareCli
{
    private delegate Task<int> Run(IConfiguration configuration, IReadOnlySet<string> flags, TextWriter output, CancellationToken cancellationToken);

    /// <summary>Runs a command line; returns the exit code.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        CliRunner.RunAsync("Firmware", Build(output), args, output, error, Classify, cancellationToken);

    /// <summary>The exit code of an exception at run time: 2 for a setting that is missing or malformed, 1 for a failed operation.</summary>
    public static int? Classify(Exception e) => e switch
    {
        ArgumentException => ExitCodes.Usage,
        IOException or InvalidDataException or UnauthorizedAccessException
            or Hardware.Flash.PartitionTableException or Hardware.Security.KeyStoreException or Hardware.Storage.StorageException
            or SecurePartition.Boot.OemDocumentException or PkiProtocol.PkiException or Application.Trust.TrustException
            or SecurePartition.Protocol.ProtocolException or SecurePartition.PartitionException or HttpRequestException
            or Upstream.Queue.UpstreamQueueException or Hardware.Radio.RadioLinkException or Hardware.Can.CanBusException or Hardware.Can.DbcException => ExitCodes.Failed,
        _ => null,
    };

    /// <summary>The command tree; <paramref name="output"/> receives what the commands print.</summary>
    public static RootCommand Build(TextWriter output)
    {
        var socket = Text("--socket", "Socket:Path", "the partition protocol's Unix socket", "PATH");
        var gnss = Text("--gnss", "Gnss:Source", "Simulated (default), Gpsd or Nmea", "SOURCE", "Simulated", "Gpsd", "Nmea");
        var root = new RootCommand("The OBU firmware: the secure partition with the integrity detection function, the V2X application, and the OEM's tools.")
        {
            Leaf("secure-partition", "Boot the secure partition and serve its protocol on a Unix socket until SIGTERM.", SecurePartitionCommand.RunAsync, output,
                [socket, .. Board(), .. KeyStore(), .. Partition()]),
            Leaf("app", "Run the V2X application against a secure partition's socket.", AppCommand.RunAsync, output,
                [Text("--socket", "Socket:Path", "the secure partition's Unix socket", "PATH"), gnss, .. Node()]),
            Leaf("obu", "Run a whole OBU in one process: the secure partition and the application.", ObuCommand.RunAsync, output,
                [.. Board(), .. KeyStore(), .. Partition(), .. Node()]),
            Group("blackbox", "The black box.",
                Leaf("verify", "Verify the black box's hash chain and signatures.", BlackBoxVerifyCommand.RunAsync, output,
                    [.. Board(), .. KeyStore(), Text("--public-key", "BlackBox:PublicKey", "the black-box key (default: the key store's)", "HEX")])),
            Leaf("flash", "Write a signed firmware image set to a flash image (or prepare an ESP32 deployment set).", FlashCommand.RunAsync, output,
                [.. Board(), OemDirectory(), .. Image(),
                    Text("--layout", "Board:Layout", "the partition layout: obu-small or obu-64m; on an ESP32 board esp32-obu-4m (checked against the board kind)", "LAYOUT"),
                    Text("--flash-size", "Board:FlashSize", "the flash size, e.g. 4M", "SIZE"),
                    Text("--sending-option", "Image:SendingOption", "the sending policy's option: 1, 2 or 3", "1|2|3", "1", "2", "3"),
                    Text("--bootloader", "Esp32:Bootloader", "ESP32: the bootloader image", "FILE"),
                    Text("--clr", "Esp32:Clr", "ESP32: the nanoFramework CLR image", "FILE"),
                    Text("--app-image", "Esp32:Deployment", "ESP32: the application deployment image", "FILE"),
                    Text("--port", "Esp32:SerialPort", "ESP32: the serial port", "PORT"),
                    Text("--target", "Esp32:Target", "ESP32: the nanoFramework target", "TARGET"),
                    Out("ESP32: the deployment set's folder")],
                Flag("--create", "create the flash image (or overwrite it)")),
            Group("oem", "The OEM's keys.",
                Leaf("init", "Create the OEM's key folder.", OemInitCommand.RunAsync, output, [OemDirectory("--dir")],
                    Flag("--force", "replace keys that exist"))),
            Leaf("learn", "Learn the Linux host's running state into a policy candidate.", LearnCommand.RunAsync, output,
                [.. Board(), .. KeyStore(), Out("the policy candidate (JSON)"),
                    Whole("--seconds", "Learn:Seconds", "how long to watch"),
                    Whole("--interval-ms", "Learn:IntervalMs", "how often to look"),
                    Whole("--policy-version", "Image:PolicyVersion", "the candidate's version")]),
            Group("policy", "The IDF policy.",
                Leaf("sign", "Sign a policy with the OEM key (into the storage or to a file).", PolicySignCommand.RunAsync, output,
                    [Text("--policy-file", "Policy:File", "the policy (JSON)", "FILE"), OemDirectory(),
                        Text("--storage", "Board:StorageDirectory", "the Linux board's storage folder", "DIR"),
                        Text("--rom", "Rom:File", "the OEM ROM file", "FILE"), Out("the signed policy"),
                        Whole("--policy-version", "Image:PolicyVersion", "the policy's version")])),
            Leaf("seal", "Seal a deployment folder (signed manifest of every file).", SealCommand.RunAsync, output,
                [Text("--deployment", "Deployment:Root", "the deployment folder", "DIR"), OemDirectory(), .. Image()]),
            Leaf("bundle", "Pack a sealed deployment into an update bundle.", BundleCommand.RunAsync, output,
                [Text("--deployment", "Deployment:Root", "the sealed deployment folder", "DIR"), OemDirectory(),
                    Text("--origin", "Update:Origin", "ota or local", "ORIGIN", "ota", "local"), Out("the bundle")]),
            Leaf("update", "Install an update bundle into the inactive slot.", UpdateCommand.RunAsync, output,
                [Text("--bundle", "Update:Bundle", "the bundle", "FILE"), Text("--install-root", "Update:InstallRoot", "the install root (slots)", "ROOT"),
                    Text("--storage", "Board:StorageDirectory", "the Linux board's storage folder", "DIR"), Text("--rom", "Rom:File", "the OEM ROM file", "FILE"),
                    Text("--pause-at", "Update:PauseAt", "fault injection: stop at this step", "STEP")]),
            Leaf("self-test", "Build and check a firmware image set in memory.", SelfTestCommand.RunAsync, output, []),
            Leaf("canonical-key", "Print the partition's canonical public key (for PKI registration).", CanonicalKeyCommand.RunAsync, output, [.. KeyStore()]),
            Leaf("check-config", "Check a configuration file as every command loads it: every key a setting, every value of its form (exit 2 names the field).",
                CheckConfigCommand.RunAsync, output, []),
        };
        return root;
    }

    private static Command Group(string name, string description, params Command[] commands)
    {
        var group = new Command(name, description);
        foreach (var command in commands)
        {
            group.Add(command);
        }

        return group;
    }

    // A command: its setting options, its flags, --config, and any --Section:Key VALUE (the unmatched tokens).
    private static Command Leaf(string name, string description, Run run, TextWriter output, Setting[] settings, params Option<bool>[] flags)
    {
        var config = Config();
        var command = new Command(name, description) { config };
        command.TreatUnmatchedTokensAsErrors = false;
        foreach (var setting in settings)
        {
            command.Add(setting.Option);
        }

        foreach (var flag in flags)
        {
            command.Add(flag);
        }

        command.SetAction(async (p, cancellationToken) =>
        {
            var values = Passthrough(p.UnmatchedTokens);
            foreach (var setting in settings)
            {
                if (p.GetResult(setting.Option) is { Implicit: false, Tokens.Count: > 0 } given)
                {
                    values.Add(new(setting.Key, given.Tokens[^1].Value));
                }
            }

            var configuration = Settings.Build(p.GetValue(config), values);
            var set = flags.Where(f => p.GetValue(f)).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            return await run(configuration, set, output, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    // --Section:Key VALUE or --Section:Key=VALUE: any configuration key (Firmware/README.md, "Settings").
    private static List<KeyValuePair<string, string?>> Passthrough(IReadOnlyList<string> tokens)
    {
        var values = new List<KeyValuePair<string, string?>>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var name = token.Split('=', 2)[0];
            if (!token.StartsWith("--", StringComparison.Ordinal) || !name.Contains(':', StringComparison.Ordinal) || name.Length < 5)
            {
                throw new UsageException($"Unrecognized command or argument '{token}' (a setting is --Section:Key VALUE).");
            }

            if (token.Contains('=', StringComparison.Ordinal))
            {
                values.Add(new(name[2..], token[(name.Length + 1)..]));
            }
            else if (i + 1 < tokens.Count)
            {
                values.Add(new(name[2..], tokens[++i]));
            }
            else
            {
                throw new UsageException($"{token} needs a value.");
            }
        }

        return values;
    }
}
