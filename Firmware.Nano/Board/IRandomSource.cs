namespace Firmware.Nano.Board;

/// <summary>Random octets from a hardware source (natively: the ESP32 RNG, <c>esp_fill_random</c>; or the secure element's Random command).</summary>
public interface IRandomSource
{
    /// <summary>Fills <paramref name="buffer"/>.</summary>
    void Fill(byte[] buffer);
}
