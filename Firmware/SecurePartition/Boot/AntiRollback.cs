using System.Buffers.Binary;
using Hardware.Storage;

namespace Firmware.SecurePartition.Boot;

/// <summary>
/// Persisted anti-rollback state (ESP-IDF "Anti-rollback": the secure_version eFuse only grows):
/// the minimum secure version per image (or deployment stage) and the highest manifest version
/// accepted, as u32 big-endian records "boot.minsv.LABEL", "boot.manifest" (the flash manifest) and
/// "boot.manifest.STAGE" (a deployment stage's manifest) in the board's durable store.
/// Values only ever grow.
/// </summary>
public sealed class AntiRollback
{
    private const string ManifestKey = "boot.manifest";
    private readonly IDurableStore _store;

    /// <summary>Reads the state from a store.</summary>
    public AntiRollback(IDurableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The lowest secure version the image may have (0 when never raised).</summary>
    public uint MinimumFor(string label) => Read("boot.minsv." + label);

    /// <summary>The highest manifest version accepted so far.</summary>
    public uint ManifestVersion => Read(ManifestKey);

    /// <summary>The highest version accepted so far of a named manifest (a deployment stage's, "boot.manifest.NAME").</summary>
    public uint ManifestVersionOf(string name) => Read(ManifestKey + "." + name);

    /// <summary>Raises the accepted version of a named manifest (never lowers it).</summary>
    public void RaiseManifestVersion(string name, uint version) => Raise(ManifestKey + "." + name, version);

    /// <summary>Raises the minimum of an image (never lowers it).</summary>
    public void RaiseMinimum(string label, uint secureVersion) => Raise("boot.minsv." + label, secureVersion);

    /// <summary>Raises the accepted manifest version (never lowers it).</summary>
    public void RaiseManifestVersion(uint version) => Raise(ManifestKey, version);

    private uint Read(string key)
    {
        var bytes = _store.Read(key);
        return bytes is { Length: 4 } ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : 0;
    }

    private void Raise(string key, uint value)
    {
        if (value <= Read(key))
        {
            return;
        }

        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        _store.Write(key, bytes);
    }
}
