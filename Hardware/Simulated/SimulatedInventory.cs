using Hardware.Boards;
using Hardware.Flash;
using Hardware.Inventory;
using Hardware.Storage;

namespace Hardware.Simulated;

/// <summary>
/// The simulated board's hardware and software inventory: built-in devices plus attached ones,
/// the images in flash (read from their headers) plus installed applications; attachments and
/// installs persist in NVS.
/// </summary>
public sealed class SimulatedInventory : IHardwareInventory, ISoftwareInventory
{
    private static readonly HardwareDevice[] BuiltIn =
    [
        new("soc0", "cpu", "Espressif", "ESP32-S3 (simulated)", "v0.2"),
        new("hsm0", "hsm", "Simulated", "Secure element", "1.0"),
        new("gnss0", "gnss", "u-blox", "NEO-M8N (simulated)", "ROM 3.01"),
        new("radio0", "v2x-radio", "Simulated", "ITS-G5 5.9 GHz", "1.0"),
        new("can0", "can", "Simulated", "CAN controller", "1.0"),
    ];

    private readonly IFlashImage _flash;
    private readonly PersistedList<HardwareDevice> _attached;
    private readonly PersistedList<SoftwareComponent> _installed;

    /// <summary>Loads attached hardware and installed applications from the store.</summary>
    public SimulatedInventory(IFlashImage flash, IDurableStore store)
    {
        ArgumentNullException.ThrowIfNull(flash);
        _flash = flash;
        _attached = new PersistedList<HardwareDevice>(store, "hw.hardware");
        _installed = new PersistedList<SoftwareComponent>(store, "hw.software");
    }

    /// <inheritdoc />
    IReadOnlyList<HardwareDevice> IHardwareInventory.Read() => [.. BuiltIn, .. _attached.Items];

    /// <inheritdoc />
    IReadOnlyList<SoftwareComponent> ISoftwareInventory.Read()
    {
        var list = new List<SoftwareComponent>();
        foreach (var label in ObuPartitions.Images)
        {
            if (_flash.Partitions.Find(label) is null)
            {
                continue;
            }

            string version;
            try
            {
                version = FirmwareImageHeader.Read(_flash, label).Version;
            }
            catch (FirmwareImageException e)
            {
                // Say the image is unreadable rather than repeat an old version.
                version = "unreadable:" + e.Error;
            }

            list.Add(new SoftwareComponent(label, version, "partition:" + label));
        }

        list.AddRange(_installed.Items);
        return list;
    }

    /// <summary>Attaches a device (persisted).</summary>
    public void Attach(HardwareDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _attached.Upsert(d => d.Id == device.Id, device);
    }

    /// <summary>Installs or updates an application (persisted).</summary>
    public void Install(SoftwareComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        _installed.Upsert(c => c.Name == component.Name, component);
    }
}
