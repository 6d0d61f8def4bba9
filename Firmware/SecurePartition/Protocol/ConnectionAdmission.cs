using Hardware.Linux;

namespace Firmware.SecurePartition.Protocol;

/// <summary>
/// Decides, from the peer's SO_PEERCRED credentials, whether a new connection is served, and counts the
/// connections held per process, per user and in all (<see cref="UnixSocketServerOptions"/>). An allowed
/// peer is refused when its process or its user holds its share, when every slot is taken, or, unless it is
/// the station's application, when only the reserved slots are left (slots are kept only when the
/// application's users are configured). Thread-safe.
/// </summary>
public sealed class ConnectionAdmission
{
    private readonly UnixSocketServerOptions _options;
    private readonly int _ownUid;
    private readonly Lock _lock = new();
    private readonly Dictionary<int, int> _perProcess = [];
    private readonly Dictionary<int, int> _perUser = [];
    private int _total;

    /// <summary>Admits for a server run by <paramref name="ownUid"/>.</summary>
    public ConnectionAdmission(UnixSocketServerOptions options, int ownUid)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _ownUid = ownUid;
    }

    /// <summary>Connections held now.</summary>
    public int Active
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    /// <summary>Whether these credentials are the station's application.</summary>
    public bool IsApplication(PeerCredentials peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return _options.ApplicationUids.Contains(peer.Uid);
    }

    /// <summary>Admits a connection (and counts it) or says why not (null when admitted).</summary>
    public (PartitionError Error, string Reason)? TryAdmit(PeerCredentials peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var allowed = _options.OwnerOnly
            ? peer.Uid == _ownUid
            : IsApplication(peer) || _options.AllowedUids.Contains(peer.Uid) || _options.AllowedGids.Contains(peer.Gid);
        if (!allowed)
        {
            return (PartitionError.PeerNotAllowed, $"uid {peer.Uid} gid {peer.Gid} may not use the secure partition");
        }

        lock (_lock)
        {
            if (_perProcess.GetValueOrDefault(peer.Pid) >= _options.MaxConnectionsPerProcess)
            {
                return (PartitionError.Busy, $"process {peer.Pid} already holds {_options.MaxConnectionsPerProcess} connections");
            }

            if (_perUser.GetValueOrDefault(peer.Uid) >= _options.MaxConnectionsPerUser)
            {
                return (PartitionError.Busy, $"uid {peer.Uid} already holds {_options.MaxConnectionsPerUser} connections");
            }

            if (_total >= _options.MaxConnections)
            {
                return (PartitionError.Busy, $"all {_options.MaxConnections} connections are taken");
            }

            if (_options.ApplicationUids.Count > 0 && !IsApplication(peer) && _total >= _options.MaxConnections - _options.ReservedForApplication)
            {
                return (PartitionError.Busy, $"the last {_options.ReservedForApplication} connections are kept for the station's application");
            }

            _total++;
            _perProcess[peer.Pid] = _perProcess.GetValueOrDefault(peer.Pid) + 1;
            _perUser[peer.Uid] = _perUser.GetValueOrDefault(peer.Uid) + 1;
            return null;
        }
    }

    /// <summary>Releases an admitted connection.</summary>
    public void Release(PeerCredentials peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (_lock)
        {
            _total--;
            Decrement(_perProcess, peer.Pid);
            Decrement(_perUser, peer.Uid);
        }
    }

    private static void Decrement(Dictionary<int, int> counts, int key)
    {
        if (counts.TryGetValue(key, out var n) && n > 1)
        {
            counts[key] = n - 1;
        }
        else
        {
            counts.Remove(key);
        }
    }
}
