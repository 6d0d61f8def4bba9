namespace Firmware.Nano.Board;

/// <summary>
/// One device on an I2C bus at a fixed address (as System.Device.I2c's <c>I2cDevice</c> in .NET IoT and
/// nanoFramework): a write and a read transaction. False when the device did not acknowledge its address.
/// </summary>
public interface II2cDevice
{
    /// <summary>Writes <paramref name="buffer"/> in one transaction.</summary>
    bool Write(byte[] buffer);

    /// <summary>Reads <paramref name="buffer"/>.Length octets in one transaction.</summary>
    bool Read(byte[] buffer);
}
