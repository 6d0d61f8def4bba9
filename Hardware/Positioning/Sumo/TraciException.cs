namespace Hardware.Positioning.Sumo;

/// <summary>
/// The one typed error of the TraCI client: the peer is not SUMO's TraCI server or answered with a malformed message
/// (a wrong length, an unknown type, a status error, a response to another command), did not answer in time, or
/// closed the connection. The connection is unusable afterwards; dispose the client.
/// </summary>
public sealed class TraciException : Exception
{
    /// <summary>Creates the error.</summary>
    public TraciException()
        : base("TraCI protocol error.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public TraciException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public TraciException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
