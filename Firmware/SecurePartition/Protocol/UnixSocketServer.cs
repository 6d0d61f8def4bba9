using System.Net.Sockets;
using Hardware.Linux;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Firmware.SecurePartition.Protocol;

/// <summary>
/// Serves the protocol on a Unix domain socket (the partition as its own process). The socket file is
/// given its mode before listen(2): 0600 (the partition's user only) or, with a socket group, 0660 and
/// that group, so only members can connect at all. Every accepted connection is admitted by the peer's
/// SO_PEERCRED credentials (<see cref="ConnectionAdmission"/>: allowed uids and gids, per-process and
/// per-user limits, slots kept for the station's application); a refused peer gets one error frame
/// (request id 0: <see cref="PartitionError.PeerNotAllowed"/> or <see cref="PartitionError.Busy"/>) and is
/// closed. The accept loop never waits for a slot, so idle or hostile connections cannot keep an honest
/// Hello waiting; a connection idle for <see cref="UnixSocketServerOptions.IdleTimeout"/> is closed.
/// </summary>
public sealed class UnixSocketServer : IAsyncDisposable
{
    private const int MaxLingeringRefusals = 64;
    private readonly string _path;
    private readonly ProtocolServer _server;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly UnixSocketServerOptions _options;
    private readonly ConnectionAdmission _admission;
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _lingering;
    private long _refused;

    /// <summary>Prepares a server on a socket path that only the partition's own user may use, with at most <paramref name="maxConnections"/> connections.</summary>
    public UnixSocketServer(string path, ProtocolServer server, int maxConnections = 64, ILogger? logger = null)
        : this(path, server, new UnixSocketServerOptions
        {
            MaxConnections = maxConnections,
            ReservedForApplication = Math.Min(4, Math.Max(0, maxConnections - 1)),
        }, logger)
    {
    }

    /// <summary>Prepares a server on a socket path with the given access rules and limits.</summary>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public UnixSocketServer(string path, ProtocolServer server, UnixSocketServerOptions options, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(options);
        _path = System.IO.Path.GetFullPath(path);
        _server = server;
        _options = options;
        _admission = new ConnectionAdmission(options, UnixAccounts.EffectiveUserId());
        _log = logger ?? NullLogger.Instance;
    }

    /// <summary>Connections served now.</summary>
    public int ActiveConnections => _admission.Active;

    /// <summary>Connections refused so far (not allowed, or no slot).</summary>
    public long RefusedConnections => Interlocked.Read(ref _refused);

    /// <summary>Most connections served at once.</summary>
    public int MaxConnections => _options.MaxConnections;

    /// <summary>The socket path.</summary>
    public string Path => _path;

    /// <summary>
    /// Binds (replacing a stale socket left by a partition that is gone), sets mode 0600 (or 0660 and the
    /// socket group), listens, and starts accepting.
    /// </summary>
    /// <exception cref="IOException">
    /// Something other than a socket is at the path (a file or directory, left alone), or a live
    /// partition already accepts connections there (its socket is left alone).
    /// </exception>
    public void Start()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The partition's socket needs Linux (file modes, SO_PEERCRED).");
        }

        RemoveStaleSocket(_path);

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(_path));
            // unix(7): connecting needs write permission on the socket file; nobody can connect before listen(2).
            if (_options.SocketGroup is { } group)
            {
                UnixAccounts.ChangeGroup(_path, group);
                File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
            }
            else
            {
                File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            listener.Listen(MaxConnections);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    // Only a socket nobody listens on is removed: a connect(2) that succeeds means another
    // partition serves this path, and a regular file or directory is not ours to delete.
    private static void RemoveStaleSocket(string path)
    {
        if (Directory.Exists(path))
        {
            throw new IOException($"{path} is a directory: not replacing it with the partition's socket.");
        }

        if (!File.Exists(path))
        {
            return;
        }

        if (OpensAsFile(path))
        {
            throw new IOException($"{path} is a file, not a socket: not replacing it with the partition's socket.");
        }

        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                probe.Connect(new UnixDomainSocketEndPoint(path));
            }
            catch (SocketException)
            {
                // Nobody accepts there: the socket is stale.
                File.Delete(path);
                return;
            }
        }

        throw new IOException($"A secure partition already accepts connections on {path}: not replacing its socket.");
    }

    // open(2) of a socket fails with ENXIO (POSIX.1-2017 open: "the named file is a socket bound to
    // the file name"); a regular file opens.
    private static bool OpensAsFile(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        // Only the socket this server bound is removed (a refused Start leaves the path as it found it).
        if (_listener is not null && File.Exists(_path))
        {
            File.Delete(_path);
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener!.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            PeerCredentials peer;
            try
            {
                peer = UnixAccounts.PeerOf(client);
            }
            catch (SocketException e)
            {
                _log.LogWarning("Closing a connection without peer credentials: {Message}", e.Message);
                client.Dispose();
                continue;
            }

            if (_admission.TryAdmit(peer) is { } refusal)
            {
                Interlocked.Increment(ref _refused);
                _log.LogWarning("Refusing pid {Pid} uid {Uid} gid {Gid}: {Error} {Reason}", peer.Pid, peer.Uid, peer.Gid, refusal.Error, refusal.Reason);
                _ = RefuseAsync(client, refusal.Error, refusal.Reason);
                continue;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await using var stream = new NetworkStream(client, ownsSocket: true);
                    await _server.ServeAsync(stream, _stop.Token, _options.IdleTimeout).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
                {
                    _log.LogDebug("Connection ended: {Message}", e.Message);
                }
                finally
                {
                    _admission.Release(peer);
                }
            });
        }
    }

    // The refused peer gets one error frame (request id 0) and the connection stays open briefly, reading and
    // dropping what it sends, so that its first request's write succeeds and it reads the reason; at most
    // MaxLingeringRefusals linger at once (the rest are closed at once), each at most two seconds.
    private async Task RefuseAsync(Socket client, PartitionError error, string reason)
    {
        var linger = Interlocked.Increment(ref _lingering) <= MaxLingeringRefusals;
        try
        {
            await using var stream = new NetworkStream(client, ownsSocket: true);
            if (!linger)
            {
                return;
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            deadline.CancelAfter(TimeSpan.FromSeconds(2));
            await ProtocolServer.WriteErrorAsync(stream, 0, error, reason, deadline.Token).ConfigureAwait(false);
            client.Shutdown(SocketShutdown.Send);
            var sink = new byte[256];
            while (await stream.ReadAsync(sink, deadline.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The refused peer went away or took too long: it is closed either way.
        }
        finally
        {
            Interlocked.Decrement(ref _lingering);
        }
    }
}
