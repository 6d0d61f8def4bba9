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

    /// <summary>Binds (replacing a stale socket file), sets mode 0600, listens, and starts accepting.</summary>
    public void Start()
    {
        if (File.Exists(_path))
        {
            File.Delete(_path);
        }

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

        if (File.Exists(_path))
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
