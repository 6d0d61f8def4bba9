namespace Firmware.Application.Replay;

/// <summary>What the replay checks say about a message.</summary>
public enum ReplayVerdict
{
    /// <summary>Not seen before.</summary>
    Fresh,

    /// <summary>The same generation time and signature were accepted already: an exact replay.</summary>
    Duplicate,

    /// <summary>The sender's counter window has this counter already.</summary>
    CounterReplayed,

    /// <summary>The counter lies further behind the sender's highest than the window reaches.</summary>
    CounterTooOld,
}
