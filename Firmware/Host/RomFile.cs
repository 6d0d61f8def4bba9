using Firmware.SecurePartition.Boot;

namespace Firmware.Host;

/// <summary>
/// The simulated board's ROM: the pinned OEM public key in a file beside the flash image
/// ("FLASH.rom", 66 hex characters of the compressed point). Write-once, as eFuses are: burning a
/// different key into a burnt ROM is refused.
/// </summary>
public static class RomFile
{
    /// <summary>The ROM path of a flash image.</summary>
    public static string PathFor(string flashImage) => flashImage + ".rom";

    /// <summary>Reads the ROM.</summary>
    /// <exception cref="InvalidDataException">The file is not a key.</exception>
    public static BootRom Read(string path)
    {
        var text = File.ReadAllText(path).Trim();
        try
        {
            return new BootRom(BootRom.DecodeKey(Convert.FromHexString(text)));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidDataException($"ROM file {path} does not hold a P-256 public key.", e);
        }
    }

    /// <summary>Burns the key unless the ROM already holds it; returns false when it holds another key.</summary>
    public static bool Burn(string path, BootRom rom)
    {
        ArgumentNullException.ThrowIfNull(rom);
        var hex = Convert.ToHexStringLower(BootRom.EncodeKey(rom.OemPublicKey));
        if (File.Exists(path))
        {
            return string.Equals(File.ReadAllText(path).Trim(), hex, StringComparison.OrdinalIgnoreCase);
        }

        File.WriteAllText(path, hex + "\n");
        return true;
    }
}
