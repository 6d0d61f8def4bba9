namespace Firmware.Nano.Integrity;

/// <summary>Age class of the last successful posture poll; as <c>V2x.Integrity.PollAge</c>.</summary>
public enum PollAge : byte
{
    /// <summary>Within an hour.</summary>
    WithinHour = 0,

    /// <summary>Within a day.</summary>
    WithinDay = 1,

    /// <summary>Within seven days.</summary>
    WithinWeek = 2,

    /// <summary>Within thirty days.</summary>
    WithinMonth = 3,

    /// <summary>Longer ago.</summary>
    Older = 4,

    /// <summary>Never polled.</summary>
    Never = 7,
}
