using Firmware.Nano.Board;
using Hardware.SecureElement;

namespace Firmware.Nano.Tests.Support;

/// <summary>The I2C bus between the nano driver and the register-level <see cref="SimulatedAtecc608"/> (Hardware/SecureElement).</summary>
public sealed class SimulatedBus(SimulatedAtecc608 device) : II2cDevice
{
    public int Writes { get; private set; }

    public bool Write(byte[] buffer)
    {
        Writes++;
        return device.Write(buffer);
    }

    public bool Read(byte[] buffer) => device.Read(buffer);
}
