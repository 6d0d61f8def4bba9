namespace Firmware.Nano.Board;

/// <summary>Why the chip last started: the values of ESP-IDF's <c>esp_reset_reason_t</c> (esp_system.h).</summary>
public enum ResetReason
{
    /// <summary>ESP_RST_UNKNOWN.</summary>
    Unknown = 0,

    /// <summary>ESP_RST_POWERON: power-on.</summary>
    PowerOn = 1,

    /// <summary>ESP_RST_EXT: external pin.</summary>
    External = 2,

    /// <summary>ESP_RST_SW: esp_restart.</summary>
    Software = 3,

    /// <summary>ESP_RST_PANIC: exception or panic.</summary>
    Panic = 4,

    /// <summary>ESP_RST_INT_WDT: interrupt watchdog.</summary>
    InterruptWatchdog = 5,

    /// <summary>ESP_RST_TASK_WDT: task watchdog.</summary>
    TaskWatchdog = 6,

    /// <summary>ESP_RST_WDT: other watchdogs.</summary>
    OtherWatchdog = 7,

    /// <summary>ESP_RST_DEEPSLEEP: wake from deep sleep.</summary>
    DeepSleep = 8,

    /// <summary>ESP_RST_BROWNOUT: brown-out (supply dip or a voltage-glitch attack).</summary>
    Brownout = 9,

    /// <summary>ESP_RST_SDIO: over SDIO.</summary>
    Sdio = 10,
}
