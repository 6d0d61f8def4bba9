namespace Hardware.Inventory;

/// <summary>One hardware device for the hardware bill of materials.</summary>
/// <param name="Id">Stable id on the board (bus address, serial, sysfs path).</param>
/// <param name="Kind">What it is (cpu, pci, net, gnss, can, hsm, board...).</param>
/// <param name="Vendor">Vendor name or id.</param>
/// <param name="Model">Model name or id.</param>
/// <param name="Version">Revision or firmware version.</param>
public sealed record HardwareDevice(string Id, string Kind, string Vendor, string Model, string Version);
