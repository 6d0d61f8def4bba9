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
}
