namespace Firmware.Nano.SecureElement;

/// <summary>Why a secure-element operation failed.</summary>
public enum SecureElementError
{
    /// <summary>The device did not acknowledge its address, or did not wake.</summary>
    NoResponse,

    /// <summary>A response failed its CRC or had an impossible size.</summary>
    Communication,

    /// <summary>The device answered with an error status (<see cref="SecureElementException.Status"/>).</summary>
    Status,

    /// <summary>A caller's argument the device would refuse (a slot out of range, a digest of the wrong size).</summary>
    Argument,
}
