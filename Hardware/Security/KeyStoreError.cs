namespace Hardware.Security;

/// <summary>What went wrong in a key store.</summary>
public enum KeyStoreError
{
    /// <summary>No key pair has this label.</summary>
    KeyNotFound,

    /// <summary>A key pair already has this label.</summary>
    LabelInUse,

    /// <summary>The token or library failed (PKCS#11 return value in the message).</summary>
    DeviceError,

    /// <summary>The device returned a value that is not what the standard says (a malformed EC point).</summary>
    BadDeviceData,

    /// <summary>The key store refuses to work because tamper is latched.</summary>
    Tampered,
}
