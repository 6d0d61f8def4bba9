namespace Firmware.Nano.Security;

/// <summary>The PSIDs the MCU signs under (IEEE 1609.12 registry; ETSI TS 103 097 v2.1.1 §7.1.1, §7.1.2).</summary>
public static class Psids
{
    /// <summary>CAM (cooperative awareness, 0x24).</summary>
    public const ulong Cam = 36;

    /// <summary>DENM (decentralized environmental notification, 0x25).</summary>
    public const ulong Denm = 37;
}
