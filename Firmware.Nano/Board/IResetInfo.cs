namespace Firmware.Nano.Board;

/// <summary>The reset reason of this start (natively: <c>esp_reset_reason()</c>).</summary>
public interface IResetInfo
{
    /// <summary>Why the chip last started.</summary>
    ResetReason LastReset { get; }
}
