using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// The subcommands of the firmware executable.
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
/// Exit codes: 0 success, 1 the operation failed (a bad black box, a refused flash), 2 usage.
/// </summary>
public static class FirmwareCli
{
    /// <summary>Subcommands by name (one or two words).</summary>
    public static IReadOnlyDictionary<string, Func<IConfiguration, IReadOnlySet<string>, TextWriter, CancellationToken, Task<int>>> Commands { get; } =
        new Dictionary<string, Func<IConfiguration, IReadOnlySet<string>, TextWriter, CancellationToken, Task<int>>>(StringComparer.Ordinal)
        {
            ["secure-partition"] = SecurePartitionCommand.RunAsync,
            ["app"] = AppCommand.RunAsync,
            ["obu"] = ObuCommand.RunAsync,
            ["blackbox verify"] = BlackBoxVerifyCommand.RunAsync,
            ["flash"] = FlashCommand.RunAsync,
            ["oem init"] = OemInitCommand.RunAsync,
            ["learn"] = LearnCommand.RunAsync,
            ["policy sign"] = PolicySignCommand.RunAsync,
            ["seal"] = SealCommand.RunAsync,
            ["bundle"] = BundleCommand.RunAsync,
            ["update"] = UpdateCommand.RunAsync,
            ["self-test"] = SelfTestCommand.RunAsync,
            ["canonical-key"] = CanonicalKeyCommand.RunAsync,
            ["check-config"] = CheckConfigCommand.RunAsync,
        };

    /// <summary>Runs a command line; returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var name = args.Count >= 2 && Commands.ContainsKey(args[0] + " " + args[1]) ? args[0] + " " + args[1] : args.Count >= 1 ? args[0] : "";
        if (!Commands.TryGetValue(name, out var command))
        {
            await error.WriteLineAsync("usage: Firmware secure-partition | app | obu | blackbox verify | flash | oem init | learn | policy sign | seal | bundle | update | self-test | canonical-key | check-config [options] (see Firmware/README.md)").ConfigureAwait(false);
            return 2;
        }

        IConfiguration configuration;
        IReadOnlySet<string> flags;
        try
        {
            (configuration, flags) = CommandLine.Build(args.Skip(name.Split(' ').Length).ToList());
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"{name}: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            return await command(configuration, flags, output, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"{name}: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException
            or Hardware.Flash.PartitionTableException or Hardware.Security.KeyStoreException or Hardware.Storage.StorageException
            or SecurePartition.Boot.OemDocumentException or PkiProtocol.PkiException or Application.Trust.TrustException
            or SecurePartition.Protocol.ProtocolException or SecurePartition.PartitionException or HttpRequestException
            or Upstream.Queue.UpstreamQueueException or Hardware.Radio.RadioLinkException or Hardware.Can.CanBusException or Hardware.Can.DbcException)
        {
            await error.WriteLineAsync($"{name}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
