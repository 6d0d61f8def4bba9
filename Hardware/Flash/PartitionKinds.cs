namespace Hardware.Flash;

/// <summary>
/// Names and values of partition types and subtypes, as ESP-IDF's partition table generator
/// (components/partition_table/gen_esp32part.py, v5.x) and the "Partition Tables" API guide
/// define them, plus the two custom values this project uses for the OBU's secure images.
/// </summary>
public static class PartitionKinds
{
    /// <summary>Type app (ESP-IDF APP_TYPE).</summary>
    public const byte AppType = 0x00;

    /// <summary>Type data (ESP-IDF DATA_TYPE).</summary>
    public const byte DataType = 0x01;

    /// <summary>Type bootloader (ESP-IDF v5.3+ BOOTLOADER_TYPE).</summary>
    public const byte BootloaderType = 0x02;

    /// <summary>Type partition_table (ESP-IDF v5.3+ PARTITION_TABLE_TYPE).</summary>
    public const byte PartitionTableType = 0x03;

    /// <summary>
    /// Custom type "secure" (0x40) for the OBU's secure OS and integrity detection function
    /// images. ESP-IDF reserves 0x40-0xFE for custom types ("Partition Tables", Type field).
    /// </summary>
    public const byte SecureType = 0x40;

    /// <summary>Subtype "os" of type secure: the secure OS image.</summary>
    public const byte SecureOsSubtype = 0x00;

    /// <summary>Subtype "idf" of type secure: the integrity detection function image.</summary>
    public const byte SecureIdfSubtype = 0x01;

    /// <summary>Data subtype nvs (0x02).</summary>
    public const byte NvsSubtype = 0x02;

    /// <summary>Custom data subtype "blackbox" (0x90): the event data recorder partition.</summary>
    public const byte BlackBoxSubtype = 0x90;

    private static readonly Dictionary<string, byte> Types = new(StringComparer.Ordinal)
    {
        ["app"] = AppType,
        ["data"] = DataType,
        ["bootloader"] = BootloaderType,
        ["partition_table"] = PartitionTableType,
        ["secure"] = SecureType,
    };

    // gen_esp32part.py SUBTYPES map (app: factory, test, ota_0..ota_15; data: ota, phy, nvs,
    // coredump, nvs_keys, efuse, undefined, esphttpd, fat, spiffs, littlefs; bootloader and
    // partition_table: primary, ota).
    private static readonly Dictionary<byte, Dictionary<string, byte>> Subtypes = BuildSubtypes();

    /// <summary>Parses a type name or number (decimal or 0x hex).</summary>
    /// <returns>False when the text is neither a known name nor a byte value.</returns>
    public static bool TryParseType(string text, out byte type)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Types.TryGetValue(text.Trim(), out type) || TryParseByte(text, out type);
    }

    /// <summary>Parses a subtype name (for the given type) or number.</summary>
    public static bool TryParseSubtype(byte type, string text, out byte subtype)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            // gen_esp32part.py: an empty subtype means 0 (factory / ota).
            subtype = 0;
            return true;
        }

        if (Subtypes.TryGetValue(type, out var names) && names.TryGetValue(trimmed, out subtype))
        {
            return true;
        }

        return TryParseByte(trimmed, out subtype);
    }

    /// <summary>The CSV name of a type, or its hex value.</summary>
    public static string TypeName(byte type)
    {
        foreach (var (name, value) in Types)
        {
            if (value == type)
            {
                return name;
            }
        }

        return "0x" + type.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The CSV name of a subtype, or its hex value.</summary>
    public static string SubtypeName(byte type, byte subtype)
    {
        if (Subtypes.TryGetValue(type, out var names))
        {
            foreach (var (name, value) in names)
            {
                if (value == subtype)
                {
                    return name;
                }
            }
        }

        return "0x" + subtype.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool TryParseByte(string text, out byte value)
    {
        var t = text.Trim();
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return byte.TryParse(t.AsSpan(2), System.Globalization.NumberStyles.AllowHexSpecifier,
                System.Globalization.CultureInfo.InvariantCulture, out value);
        }

        return byte.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    private static Dictionary<byte, Dictionary<string, byte>> BuildSubtypes()
    {
        var app = new Dictionary<string, byte>(StringComparer.Ordinal) { ["factory"] = 0x00, ["test"] = 0x20 };
        for (var i = 0; i < 16; i++)
        {
            app["ota_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = (byte)(0x10 + i);
        }

        var data = new Dictionary<string, byte>(StringComparer.Ordinal)
        {
            ["ota"] = 0x00, ["phy"] = 0x01, ["nvs"] = NvsSubtype, ["coredump"] = 0x03, ["nvs_keys"] = 0x04,
            ["efuse"] = 0x05, ["undefined"] = 0x06, ["esphttpd"] = 0x80, ["fat"] = 0x81, ["spiffs"] = 0x82,
            ["littlefs"] = 0x83, ["blackbox"] = BlackBoxSubtype,
        };
        var primaryOta = new Dictionary<string, byte>(StringComparer.Ordinal) { ["primary"] = 0x00, ["ota"] = 0x01 };
        var secure = new Dictionary<string, byte>(StringComparer.Ordinal) { ["os"] = SecureOsSubtype, ["idf"] = SecureIdfSubtype };
        return new Dictionary<byte, Dictionary<string, byte>>
        {
            [AppType] = app,
            [DataType] = data,
            [BootloaderType] = primaryOta,
            [PartitionTableType] = new Dictionary<string, byte>(primaryOta, StringComparer.Ordinal),
            [SecureType] = secure,
        };
    }
}
