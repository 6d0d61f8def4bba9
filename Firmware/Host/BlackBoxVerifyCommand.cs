using Firmware.SecurePartition.BlackBox;
using Firmware.SecurePartition.Boot;
using Hardware.Boards;
using Hardware.Flash;
using Hardware.Storage;
using Microsoft.Extensions.Configuration;
using V2x.Security.Crypto;

namespace Firmware.Host;

/// <summary>
/// `blackbox verify --flash FLASH [--public-key HEX]` (simulated board: the black-box partition
/// and the head record in NVS) or `blackbox verify --board Linux --blackbox-file FILE --storage DIR
/// [--public-key HEX]`. Without --public-key the black-box key is read from the key store
/// (KeyStore:Kind Pkcs11, label KeyStore:LabelPrefix + "bbox"). Prints "OK ..." and exits 0, or
/// names the first bad entry and exits 1.
/// </summary>
public static class BlackBoxVerifyCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlySet<string> flags, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        var key = TrustedKey(configuration);
        BlackBoxVerification result;
        var kind = configuration["Board:Kind"] ?? "Simulated";
        if (kind.Equals("Linux", StringComparison.OrdinalIgnoreCase))
        {
            var store = new FileDurableStore(Settings.Require(configuration, "Board:StorageDirectory"));
            var file = Settings.Require(configuration, "Board:BlackBoxFile");
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"No black-box file {file}.");
            }

            using var medium = new FileBlackBoxMedium(file, new FileInfo(file).Length);
            result = BlackBoxVerifier.Verify(medium, BlackBoxHead.Read(store), [key]);
        }
        else
        {
            using var flash = FileFlashImage.Open(Settings.Require(configuration, "Board:FlashImage"));
            var store = new FlashDurableStore(flash, ObuPartitions.Nvs);
            result = BlackBoxVerifier.Verify(new FlashBlackBoxMedium(flash), BlackBoxHead.Read(store), [key]);
        }

        if (result.IsValid)
        {
            await output.WriteLineAsync($"OK: {result.EntriesVerified} entries verified").ConfigureAwait(false);
            return 0;
        }

        var at = result.FirstBadOffset is { } o ? $" at offset {o}" : "";
        await output.WriteLineAsync($"BAD: first bad entry {result.FirstBadSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}{at}: {result.Problem}: {result.Detail} ({result.EntriesVerified} entries verified before it)").ConfigureAwait(false);
        return 1;
    }

    private static PublicVerificationKey TrustedKey(IConfiguration configuration)
    {
        if (configuration["BlackBox:PublicKey"] is { Length: > 0 } hex)
        {
            try
            {
                return BootRom.DecodeKey(Convert.FromHexString(hex));
            }
            catch (FormatException e)
            {
                throw new ArgumentException("--public-key is a hex SEC 1 point.", e);
            }
        }

        var store = HostedBoard.OpenKeyStore(configuration)
            ?? throw new ArgumentException("Give --public-key, or KeyStore:Kind Pkcs11 to read the black-box key from the token.");
        try
        {
            return BootRom.DecodeKey(store.GetPublicKey((configuration["KeyStore:LabelPrefix"] ?? "idf-") + "bbox"));
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }
}
