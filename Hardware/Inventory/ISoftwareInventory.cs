namespace Hardware.Inventory;

/// <summary>The installed software components and applications (comparing two readings tells "new or updated application").</summary>
public interface ISoftwareInventory
{
    /// <summary>Reads the components now.</summary>
    IReadOnlyList<SoftwareComponent> Read();
}
