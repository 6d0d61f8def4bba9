namespace Firmware.Nano.SecureElement;

/// <summary>What a health check of the secure element found.</summary>
public sealed class SecureElementHealth
{
    /// <summary>A health record.</summary>
    public SecureElementHealth(byte[] revision, bool configLocked, bool dataLocked, byte selfTestFailures)
    {
        Revision = revision ?? new byte[0];
        ConfigLocked = configLocked;
        DataLocked = dataLocked;
        SelfTestFailures = selfTestFailures;
    }

    /// <summary>The Info (revision) octets; an ATECC608 answers 00 00 60 0x.</summary>
    public byte[] Revision { get; }

    /// <summary>The configuration zone is locked (LockConfig = 0x00).</summary>
    public bool ConfigLocked { get; }

    /// <summary>The data and OTP zones are locked (LockValue = 0x00).</summary>
    public bool DataLocked { get; }

    /// <summary>The self-test result: 0 when every test passed, else the bits of the failed tests.</summary>
    public byte SelfTestFailures { get; }

    /// <summary>Whether the revision names an ATECC608 (third octet 0x60).</summary>
    public bool IsAtecc608 => Revision.Length == 4 && Revision[2] == 0x60;
}
