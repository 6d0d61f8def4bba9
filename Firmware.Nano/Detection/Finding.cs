using Firmware.Nano.Integrity;

namespace Firmware.Nano.Detection;

/// <summary>One thing a detector found: a code (<c>crash.brownout</c>), what it concerns, a level and a sentence.</summary>
public sealed class Finding
{
    /// <summary>A finding.</summary>
    public Finding(string code, string subject, IntegrityLevel level, string detail)
    {
        Code = code;
        Subject = subject;
        Level = level;
        Detail = detail;
    }

    /// <summary>The finding's code.</summary>
    public string Code { get; }

    /// <summary>What it concerns (a partition, a task, the secure element).</summary>
    public string Subject { get; }

    /// <summary>Its level.</summary>
    public IntegrityLevel Level { get; }

    /// <summary>A sentence for the log.</summary>
    public string Detail { get; }
}
