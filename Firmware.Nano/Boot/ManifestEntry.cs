namespace Firmware.Nano.Boot;

/// <summary>One image of the reference manifest (<c>Firmware/SecurePartition/Boot/ManifestEntry.cs</c>).</summary>
public sealed class ManifestEntry
{
    /// <summary>An entry.</summary>
    public ManifestEntry(string label, string version, uint secureVersion, uint minimumSecureVersion, ulong imageLengthBytes, byte[] sha256)
    {
        Label = label;
        Version = version;
        SecureVersion = secureVersion;
        MinimumSecureVersion = minimumSecureVersion;
        ImageLengthBytes = imageLengthBytes;
        Sha256 = sha256;
    }

    /// <summary>The partition label.</summary>
    public string Label { get; }

    /// <summary>The image version text.</summary>
    public string Version { get; }

    /// <summary>The image's secure version.</summary>
    public uint SecureVersion { get; }

    /// <summary>The lowest secure version accepted.</summary>
    public uint MinimumSecureVersion { get; }

    /// <summary>The image length (from the partition's start).</summary>
    public ulong ImageLengthBytes { get; }

    /// <summary>The image's SHA-256.</summary>
    public byte[] Sha256 { get; }
}
