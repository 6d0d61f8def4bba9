namespace Firmware.Nano.Board;

/// <summary>Reads the SPI flash by absolute address (natively: <c>esp_flash_read</c>).</summary>
public interface IFlashReader
{
    /// <summary>The flash size in bytes.</summary>
    uint SizeBytes { get; }

    /// <summary>Reads <paramref name="count"/> octets at <paramref name="address"/> into <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
    void Read(uint address, byte[] buffer, int offset, int count);
}
