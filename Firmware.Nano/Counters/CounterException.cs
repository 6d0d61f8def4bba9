using System;

namespace Firmware.Nano.Counters;

/// <summary>The counter cannot promise a value never handed out before: nothing is signed.</summary>
public sealed class CounterException : Exception
{
    /// <summary>A counter failure.</summary>
    public CounterException(string message)
        : base(message)
    {
    }
}
