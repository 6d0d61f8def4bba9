using V2x.Security.Crypto;

namespace Firmware.Host;

/// <summary>
/// The bench OEM's signing keys as files ("oem init"): oem.key holds the private scalar in hex
/// (mode 0600), oem.pub the compressed public key in hex; app-stage.key and app-stage.pub the same
/// for the application key, which the secure partition's sealed manifest names and which signs the
/// application's manifest (patent ¶138-140). A real OEM keeps these keys in its signing service;
/// OBUs only ever hold the OEM public key in ROM.
/// </summary>
public static class OemKeyFiles
{
    /// <summary>The application-stage key's base name.</summary>
    public const string ApplicationStage = "app-stage";

    /// <summary>Creates the OEM key pair and the application-stage key pair in a directory; refuses to overwrite unless <paramref name="force"/>.</summary>
    /// <exception cref="IOException">Keys exist and <paramref name="force"/> is false.</exception>
    public static PublicVerificationKey Create(string directory, bool force)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        foreach (var name in new[] { "oem", ApplicationStage })
        {
            if (File.Exists(Path.Combine(directory, name + ".key")) && !force)
            {
                throw new IOException($"{Path.Combine(directory, name + ".key")} exists (use --force to replace it).");
            }
        }

        WriteKey(directory, ApplicationStage).Dispose();
        using var key = WriteKey(directory, "oem");
        return key.PublicKey;
    }

    /// <summary>Loads the OEM private key.</summary>
    /// <exception cref="InvalidDataException">The file is not a key.</exception>
    public static EcdsaP256SignatureKey Load(string directory) => Load(directory, "oem");

    /// <summary>Loads the application-stage private key.</summary>
    /// <exception cref="InvalidDataException">The file is missing (an OEM folder from before sealed deployments: run `oem init --force`) or not a key.</exception>
    public static EcdsaP256SignatureKey LoadApplicationKey(string directory) =>
        File.Exists(Path.Combine(directory, ApplicationStage + ".key"))
            ? Load(directory, ApplicationStage)
            : throw new InvalidDataException($"{directory} has no {ApplicationStage}.key (`oem init` creates it).");

    private static EcdsaP256SignatureKey WriteKey(string directory, string name)
    {
        var keyPath = Path.Combine(directory, name + ".key");
        var key = EcdsaP256SignatureKey.Generate();
        File.WriteAllText(keyPath, Convert.ToHexStringLower(key.ExportPrivateKey()) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(Path.Combine(directory, name + ".pub"), Convert.ToHexStringLower(key.PublicKey.Point.ToSec1()) + "\n");
        return key;
    }

    private static EcdsaP256SignatureKey Load(string directory, string name)
    {
        var path = Path.Combine(directory, name + ".key");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"No {name} key at {path}: nothing can be signed with it. Create the keys first with `dotnet run --project Firmware -- oem init --dir {directory}`.", path);
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
