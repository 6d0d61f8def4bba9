namespace Firmware.Application.Replay;

/// <summary>What a sender's counter window says about a message counter.</summary>
public enum CounterVerdict
{
    /// <summary>The first counter of this sender (a new window starts at it).</summary>
    First,

    /// <summary>Ahead of every counter seen (serial arithmetic, RFC 1982).</summary>
    Ahead,

    /// <summary>Behind the highest counter but inside the window and not seen yet (a reordered message).</summary>
    InWindow,

    /// <summary>Seen already: a replay.</summary>
    Duplicate,

    /// <summary>Further behind than the window reaches (or exactly 2^31 away): cannot be told from a replay, refused.</summary>
    TooOld,
}
