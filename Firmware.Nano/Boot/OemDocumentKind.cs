namespace Firmware.Nano.Boot;

/// <summary>The OEM documents the MCU reads (first payload octet; values of <c>Firmware.SecurePartition.Boot.OemDocumentKind</c>).</summary>
public static class OemDocumentKind
{
    /// <summary>The reference manifest.</summary>
    public const byte Manifest = 1;

    /// <summary>The MCU detection policy (<see cref="Policy.McuPolicy"/>).</summary>
    public const byte McuPolicy = 4;
}
