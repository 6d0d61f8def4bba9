namespace Hardware.Inventory;

/// <summary>The devices present on the board (comparing two readings tells "new hardware detected").</summary>
public interface IHardwareInventory
{
    /// <summary>Reads the devices now.</summary>
    IReadOnlyList<HardwareDevice> Read();
}
