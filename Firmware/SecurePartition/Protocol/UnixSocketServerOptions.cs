namespace Firmware.SecurePartition.Protocol;

/// <summary>
/// Who may connect to the partition's Unix socket and how many connections each may hold (issue 10 hole 5,
/// issue 11 item 6; Docs/secure-partition.md "Two processes in the field").
/// </summary>
public sealed record UnixSocketServerOptions
{
    /// <summary>Most connections served at once (default 64).</summary>
    public int MaxConnections { get; init; } = 64;

    /// <summary>
    /// Connections kept for the station's own application (<see cref="ApplicationUids"/>): other peers are
    /// refused once only this many slots are left (default 4: the node's and the upstream forwarder's
    /// connections with room for a reconnect). None are kept while <see cref="ApplicationUids"/> is empty.
    /// </summary>
    public int ReservedForApplication { get; init; } = 4;

    /// <summary>Most connections one process (SO_PEERCRED pid) may hold (default 8).</summary>
    public int MaxConnectionsPerProcess { get; init; } = 8;

    /// <summary>Most connections one user (SO_PEERCRED uid) may hold, over all its processes (default 16).</summary>
    public int MaxConnectionsPerUser { get; init; } = 16;

    /// <summary>
    /// A connection with no request for this long is closed (on the partition's clock; default 5 minutes, far
    /// above the application's longest quiet spell: CAMs at 1 Hz or more, an upstream cycle every 30 s).
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The uids of the station's own application: allowed to connect, and the only peers that may take the
    /// reserved slots. Empty: no peer is the application (no slots are kept).
    /// </summary>
    public IReadOnlySet<int> ApplicationUids { get; init; } = new HashSet<int>();

    /// <summary>Further uids allowed to connect (SO_PEERCRED effective uid).</summary>
    public IReadOnlySet<int> AllowedUids { get; init; } = new HashSet<int>();

    /// <summary>Gids allowed to connect (SO_PEERCRED effective gid; supplementary groups do not count).</summary>
    public IReadOnlySet<int> AllowedGids { get; init; } = new HashSet<int>();

    /// <summary>
    /// The group the socket file is given (owner the partition's user, mode 0660) so that only its members can
    /// reach it at all; null: mode 0600, the partition's own user only.
    /// </summary>
    public int? SocketGroup { get; init; }

    /// <summary>Whether no allow-list is configured: then only the partition's own effective uid may connect.</summary>
    public bool OwnerOnly => ApplicationUids.Count == 0 && AllowedUids.Count == 0 && AllowedGids.Count == 0;

    /// <summary>Throws <see cref="ArgumentException"/> for limits out of order.</summary>
    public void Validate()
    {
        if (MaxConnections < 1 || ReservedForApplication < 0 || ReservedForApplication >= MaxConnections
            || MaxConnectionsPerProcess < 1 || MaxConnectionsPerUser < MaxConnectionsPerProcess || IdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Socket limits: 1 <= max connections, 0 <= reserved < max, 1 <= per process <= per user, idle timeout > 0.");
        }
    }
}
