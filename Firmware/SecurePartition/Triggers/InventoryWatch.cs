using System.Security.Cryptography;
using Firmware.SecurePartition.Encoding;
using Hardware;
using Hardware.Storage;

namespace Firmware.SecurePartition.Triggers;

/// <summary>
/// Detects the inventory triggers of patent ¶114 between scans: new hardware (the hardware
/// inventory changed) and a new or updated application (the software inventory changed), by
/// comparing SHA-256 digests of the inventories with the ones last seen, persisted as
/// "idf.hbom" and "idf.sbom". The first reading after a fresh flash sets the baseline.
/// </summary>
public sealed class InventoryWatch
{
    private const string HardwareKey = "idf.hbom";
    private const string SoftwareKey = "idf.sbom";
    private readonly BoardCapabilities _board;

    /// <summary>Watches a board.</summary>
    public InventoryWatch(BoardCapabilities board)
    {
        ArgumentNullException.ThrowIfNull(board);
        _board = board;
    }

    /// <summary>The triggers that fired since the last call (and records the new digests).</summary>
    public IReadOnlyList<TriggerKind> Poll()
    {
        var fired = new List<TriggerKind>();
        if (_board.HardwareInventory is { } hw && Changed(HardwareKey, Digest(hw.Read(), static (w, d) => w.Text(d.Id).Text(d.Kind).Text(d.Vendor).Text(d.Model).Text(d.Version))))
        {
            fired.Add(TriggerKind.NewHardware);
        }

        if (_board.SoftwareInventory is { } sw && Changed(SoftwareKey, Digest(sw.Read(), static (w, c) => w.Text(c.Name).Text(c.Version).Text(c.HashSource))))
        {
            fired.Add(TriggerKind.NewOrUpdatedApplication);
        }

        return fired;
    }

    private static byte[] Digest<T>(IReadOnlyList<T> items, Action<ByteWriter, T> write)
    {
        var w = new ByteWriter();
        w.List(items.ToList(), write);
        return SHA256.HashData(w.WrittenSpan);
    }

    private bool Changed(string key, byte[] digest)
    {
        IDurableStore store = _board.Storage;
        var old = store.Read(key);
        if (old is not null && old.AsSpan().SequenceEqual(digest))
        {
            return false;
        }

        store.Write(key, digest);
        return old is not null;
    }
}
