using V2x.Security.Crypto;

namespace Firmware.Host;

/// <summary>
/// The bench OEM's signing key as files ("oem init"): oem.key holds the private scalar in hex
/// (mode 0600), oem.pub the compressed public key in hex. A real OEM keeps this key in its
/// signing service; OBUs only ever hold the public key in ROM.
/// </summary>
public static class OemKeyFiles
{
    /// <summary>Creates a key pair in a directory; refuses to overwrite unless <paramref name="force"/>.</summary>
    /// <exception cref="IOException">Keys exist and <paramref name="force"/> is false.</exception>
    public static PublicVerificationKey Create(string directory, bool force)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var keyPath = Path.Combine(directory, "oem.key");
        if (File.Exists(keyPath) && !force)
        {
            throw new IOException($"{keyPath} exists (use --force to replace it).");
        }

        using var key = EcdsaP256SignatureKey.Generate();
        File.WriteAllText(keyPath, Convert.ToHexStringLower(key.ExportPrivateKey()) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(Path.Combine(directory, "oem.pub"), Convert.ToHexStringLower(key.PublicKey.Point.ToSec1()) + "\n");
        return key.PublicKey;
    }

    /// <summary>Loads the private key.</summary>
    /// <exception cref="InvalidDataException">The file is not a key.</exception>
    public static EcdsaP256SignatureKey Load(string directory)
    {
        var path = Path.Combine(directory, "oem.key");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"No OEM key at {path}: the manifest and policy cannot be signed. Create the key first with `dotnet run --project Firmware -- oem init --dir {directory}`.", path);
        }

        try
        {
            return EcdsaP256SignatureKey.FromPrivateKey(Convert.FromHexString(File.ReadAllText(path).Trim()));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidDataException($"{path} does not hold a P-256 private key.", e);
        }
    }
}
