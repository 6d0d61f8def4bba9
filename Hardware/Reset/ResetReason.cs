namespace Hardware.Reset;

/// <summary>Why the board last started (ESP-IDF esp_reset_reason_t, reduced to what the IDF distinguishes).</summary>
public enum ResetReason
{
    /// <summary>The board cannot tell.</summary>
    Unknown,

    /// <summary>Power-on (ESP_RST_POWERON).</summary>
    PowerOn,

    /// <summary>A watchdog fired (ESP_RST_INT_WDT, ESP_RST_TASK_WDT, ESP_RST_WDT).</summary>
    Watchdog,

    /// <summary>Software panic or crash (ESP_RST_PANIC).</summary>
    Panic,

    /// <summary>Requested software restart (ESP_RST_SW).</summary>
    Software,

    /// <summary>Supply voltage dropped (ESP_RST_BROWNOUT).</summary>
    Brownout,
}
