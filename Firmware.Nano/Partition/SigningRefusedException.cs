using System;

namespace Firmware.Nano.Partition;

/// <summary>The MCU partition refused to sign (no synchronised time, an empty payload): nothing was signed or consumed.</summary>
public sealed class SigningRefusedException : Exception
{
    /// <summary>A refusal.</summary>
    public SigningRefusedException(string message)
        : base(message)
    {
    }
}
