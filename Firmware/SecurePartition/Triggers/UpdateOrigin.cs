namespace Firmware.SecurePartition.Triggers;

/// <summary>How an update reached the OBU (patent ¶114: whether it came over the air or was performed directly).</summary>
public enum UpdateOrigin : byte
{
    /// <summary>Delivered over the air (the OEM's OTA channel).</summary>
    OverTheAir = 1,

    /// <summary>Installed locally (workshop, USB, the flashing tool).</summary>
    Local = 2,
}
