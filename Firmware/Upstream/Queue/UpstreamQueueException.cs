namespace Firmware.Upstream.Queue;

/// <summary>The queue's file cannot be opened, read or written (not a database, disk full, …).</summary>
public sealed class UpstreamQueueException : Exception
{
    /// <summary>Creates the error.</summary>
    public UpstreamQueueException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error without detail.</summary>
    public UpstreamQueueException()
        : this("The upstream queue failed.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public UpstreamQueueException(string message)
        : this(message, null)
    {
    }
}
