namespace Hardware.Boards;

/// <summary>
/// The simulated OBU's board descriptions. Both share one layout: bootloader, partition table,
/// NVS, secure OS ("os", custom type secure/os), integrity detection function ("idf",
/// secure/idf), V2X application ("app", app/factory) and the black box (data/blackbox).
/// App and secure partitions sit on 64 KiB boundaries, data on 4 KiB sectors (ESP-IDF
/// "Partition Tables", Offset rules).
/// </summary>
public static class ObuBoards
{
    /// <summary>64 MiB flash: the layout the full-flash hashing benchmark scans.</summary>
    public static BoardDescription Obu64MiB { get; } = new("sim-obu-64m", 64L * 1024 * 1024, """
        # Simulated OBU, 64 MiB flash
        # Name,     Type,            SubType,  Offset,    Size,      Flags
        bootloader, bootloader,      primary,  0x1000,    0x7000,
        ptable,     partition_table, primary,  0x8000,    0x1000,
        nvs,        data,            nvs,      0x9000,    0x6000,
        os,         secure,          os,       0x10000,   0x400000,
        idf,        secure,          idf,      0x410000,  0x200000,
        app,        app,             factory,  0x610000,  0x1000000,
        blackbox,   data,            blackbox, 0x1610000, 0x29F0000,
        """);

    /// <summary>1 MiB flash with the same partitions, for tests.</summary>
    public static BoardDescription ObuSmall { get; } = new("sim-obu-1m", 1024 * 1024, """
        # Simulated OBU, 1 MiB flash (tests)
        # Name,     Type,            SubType,  Offset,   Size,     Flags
        bootloader, bootloader,      primary,  0x1000,   0x7000,
        ptable,     partition_table, primary,  0x8000,   0x1000,
        nvs,        data,            nvs,      0x9000,   0x6000,
        os,         secure,          os,       0x10000,  0x30000,
        idf,        secure,          idf,      0x40000,  0x20000,
        app,        app,             factory,  0x60000,  0x80000,
        blackbox,   data,            blackbox, 0xE0000,  0x20000,
        """);

    /// <summary>
    /// An ESP32 OBU board on .NET nanoFramework, 4 MiB flash (Docs/mcu.md): nanoFramework's own 4 MiB layout
    /// (nf-interpreter targets/ESP32/_IDF/esp32/partitions_nanoclr_4mb.csv: nvs, phy_init, the nanoCLR factory
    /// app, the managed deployment region of data subtype 0x84, config) with the project's <c>idf</c> data
    /// partition (subtype 0x99) for the OEM-signed manifest and MCU policy in the 128 KiB that layout leaves free.
    /// The bootloader (0x1000) and the table (0x8000) sit at the ESP32's fixed offsets, outside the table.
    /// </summary>
    public static BoardDescription Esp32Obu4MiB { get; } = new("esp32-obu-4m", 4 * 1024 * 1024, """
        # ESP32 OBU on .NET nanoFramework, 4 MiB flash
        # Name,     Type, SubType,  Offset,   Size,     Flags
        nvs,        data, nvs,      0x9000,   0x6000,
        phy_init,   data, phy,      0xF000,   0x1000,
        factory,    app,  factory,  0x10000,  0x1C0000,
        deploy,     data, 0x84,     0x1D0000, 0x1D0000,
        idf,        data, 0x99,     0x3A0000, 0x20000,
        config,     data, littlefs, 0x3C0000, 0x40000,
        """);
}
