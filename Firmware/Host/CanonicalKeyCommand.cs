using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// `canonical-key --keystore Pkcs11 ... [--key-prefix P]`: prints the station's canonical public key (hex, uncompressed
/// SEC 1 point) from the key store, generating it there on first use as the secure partition would, for registering
/// the station at the EA (`Pki register-station --key HEX`). The private key never leaves the token.
/// </summary>
public static class CanonicalKeyCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, IReadOnlySet<string> flags, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        var store = HostedBoard.OpenKeyStore(configuration)
            ?? throw new ArgumentException("canonical-key needs KeyStore:Kind Pkcs11: a key held in memory does not outlive the process.");
        try
        {
            var label = (configuration["KeyStore:LabelPrefix"] ?? "idf-") + "canonical";
            var key = store.List().Contains(label) ? store.GetPublicKey(label) : store.Generate(label);
            await output.WriteLineAsync(Convert.ToHexStringLower(key)).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }
}
