namespace Community;

/// <summary>
/// The typed error of the hub for requests from outside that cannot be honoured (an unknown
/// organisation, a malformed admin request, a conflicting state). The HTTP layer maps
/// <see cref="Kind"/> to a status code; the command line prints the message.
/// </summary>
public sealed class CommunityException : Exception
{
    public CommunityException(CommunityErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    /// <summary>What went wrong, coarsely.</summary>
    public CommunityErrorKind Kind { get; }
}
