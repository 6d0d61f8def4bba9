namespace V2x.Integrity;

/// <summary>
/// The compact cybersecurity-posture grade carried in the <see cref="IntegrityReport"/> (patent
/// ¶204-216: aggregate vulnerability severity, whether the V2X application and the IDF are up to
/// date, when the IDF last polled the posture server). One octet, project-private:
/// <code>
/// bits 7-5  worst known unpatched weakness, CVSS v3.1 severity rating (§5):
///           0 none known, 1 low (0.1-3.9), 2 medium (4.0-6.9), 3 high (7.0-8.9), 4 critical (9.0-10.0),
///           7 not assessed; 5 and 6 reserved
/// bit  4    the V2X application is the latest version
/// bit  3    the integrity detection function is the latest version
/// bits 2-0  age of the last successful posture poll: 0 within 1 h, 1 within 1 day, 2 within 7 days,
///           3 within 30 days, 4 older, 7 never; 5 and 6 reserved
/// </code>
/// <see cref="NotAssessed"/> (0xE7: severity not assessed, nothing up to date, never polled) is what
/// a partition without posture data sends. The detailed posture goes to the black box and upstream.
/// </summary>
public readonly record struct PostureGrade
{
    /// <summary>No posture data: severity not assessed, not known to be up to date, never polled.</summary>
    public static readonly PostureGrade NotAssessed = new(PostureSeverity.NotAssessed, appUpToDate: false, idfUpToDate: false, PollAge.Never);

    /// <summary>Builds a grade from its parts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A reserved severity or age value.</exception>
    public PostureGrade(PostureSeverity severity, bool appUpToDate, bool idfUpToDate, PollAge lastPoll)
    {
        if (!Enum.IsDefined(severity))
        {
            throw new ArgumentOutOfRangeException(nameof(severity));
        }

        if (!Enum.IsDefined(lastPoll))
        {
            throw new ArgumentOutOfRangeException(nameof(lastPoll));
        }

        Value = (byte)(((int)severity << 5) | (appUpToDate ? 0x10 : 0) | (idfUpToDate ? 0x08 : 0) | (int)lastPoll);
    }

    /// <summary>The octet on the air.</summary>
    public byte Value { get; }

    /// <summary>The worst known unpatched weakness.</summary>
    public PostureSeverity Severity => (PostureSeverity)(Value >> 5);

    /// <summary>The V2X application is the latest version.</summary>
    public bool AppUpToDate => (Value & 0x10) != 0;

    /// <summary>The integrity detection function is the latest version.</summary>
    public bool IdfUpToDate => (Value & 0x08) != 0;

    /// <summary>Age of the last successful posture poll.</summary>
    public PollAge LastPoll => (PollAge)(Value & 0x07);

    /// <summary>The grade an octet encodes, or null when it uses a reserved value.</summary>
    public static PostureGrade? FromOctet(byte value)
    {
        var severity = (PostureSeverity)(value >> 5);
        var age = (PollAge)(value & 0x07);
        if (!Enum.IsDefined(severity) || !Enum.IsDefined(age))
        {
            return null;
        }

        return new PostureGrade(severity, (value & 0x10) != 0, (value & 0x08) != 0, age);
    }

    /// <summary>The poll-age class of an elapsed time (negative times count as fresh).</summary>
    public static PollAge AgeOf(TimeSpan sinceLastPoll) => sinceLastPoll switch
    {
        _ when sinceLastPoll <= TimeSpan.FromHours(1) => PollAge.WithinHour,
        _ when sinceLastPoll <= TimeSpan.FromDays(1) => PollAge.WithinDay,
        _ when sinceLastPoll <= TimeSpan.FromDays(7) => PollAge.WithinWeek,
        _ when sinceLastPoll <= TimeSpan.FromDays(30) => PollAge.WithinMonth,
        _ => PollAge.Older,
    };

    /// <summary>The CVSS v3.1 qualitative rating (specification §5) of a base or temporal score.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A score outside 0.0-10.0.</exception>
    public static PostureSeverity SeverityOf(double score) => score switch
    {
        < 0 or > 10 or double.NaN => throw new ArgumentOutOfRangeException(nameof(score)),
        0 => PostureSeverity.None,
        < 4.0 => PostureSeverity.Low,
        < 7.0 => PostureSeverity.Medium,
        < 9.0 => PostureSeverity.High,
        _ => PostureSeverity.Critical,
    };

    /// <inheritdoc />
    public override string ToString() => $"{Severity}, app {(AppUpToDate ? "current" : "not current")}, IDF {(IdfUpToDate ? "current" : "not current")}, polled {LastPoll}";
}
