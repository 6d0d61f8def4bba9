namespace V2x.Integrity;

/// <summary>Age class of the last successful posture poll in the posture grade.</summary>
public enum PollAge : byte
{
    WithinHour = 0,
    WithinDay = 1,
    WithinWeek = 2,
    WithinMonth = 3,
    Older = 4,
    Never = 7,
}
