using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Firmware.SecurePartition.Protocol;

/// <summary>
/// Serves the protocol on a Unix domain socket (the partition as its own process). The socket file
/// is created with mode 0600 (owner read/write only) before listen(2), so no other user can
/// connect; each connection is served on its own task, at most <see cref="MaxConnections"/> at once.
/// </summary>
public sealed class UnixSocketServer : IAsyncDisposable
{
    private readonly string _path;
    private readonly ProtocolServer _server;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _slots;
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;

    /// <summary>Prepares a server on a socket path.</summary>
    public UnixSocketServer(string path, ProtocolServer server, int maxConnections = 64, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnections, 1);
        _path = System.IO.Path.GetFullPath(path);
        _server = server;
        MaxConnections = maxConnections;
        _slots = new SemaphoreSlim(maxConnections, maxConnections);
        _log = logger ?? NullLogger.Instance;
    }

    /// <summary>Most connections served at once.</summary>
    public int MaxConnections { get; }

    /// <summary>The socket path.</summary>
    public string Path => _path;

    /// <summary>
    /// Binds (replacing a stale socket left by a partition that is gone), sets mode 0600, listens, and
    /// starts accepting.
    /// </summary>
    /// <exception cref="IOException">
    /// Something other than a socket is at the path (a file or directory, left alone), or a live
    /// partition already accepts connections there (its socket is left alone).
    /// </exception>
    public void Start()
    {
        RemoveStaleSocket(_path);

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(_path));
            if (!OperatingSystem.IsWindows())
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
                await _slots.WaitAsync(_stop.Token).ConfigureAwait(false);
                client = await _listener!.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await using var stream = new NetworkStream(client, ownsSocket: true);
                    await _server.ServeAsync(stream, _stop.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
                {
                    _log.LogDebug("Connection ended: {Message}", e.Message);
                }
                finally
                {
                    _slots.Release();
                }
            });
        }
    }
}
