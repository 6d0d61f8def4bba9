namespace Firmware.Nano.Board;

/// <summary>
/// Small durable records (natively: ESP-IDF NVS, <c>nvs_get_blob</c> / <c>nvs_set_blob</c> + <c>nvs_commit</c>).
/// A write is durable when it returns.
/// </summary>
public interface INvsStore
{
    /// <summary>The record under <paramref name="key"/>, or null.</summary>
    byte[] Read(string key);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> durably.</summary>
    void Write(string key, byte[] value);
}
