using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Testing.Netns;

/// <summary>
/// A TCP listener on 127.0.0.1 inside a network namespace that forwards every connection to a TCP endpoint on this
/// process's own loopback: so processes in a namespace the test made reach a service the test hosts (the bench PKI)
/// without any address outside loopback. The listening socket is created on a thread that joins the namespace for
/// that moment (setns(2), CLONE_NEWNET; a socket stays in the namespace it was made in) and returns at once.
/// </summary>
public sealed partial class NamespaceTcpForwarder : IAsyncDisposable
{
    private const int CloneNewNet = 0x40000000;
    private readonly Socket _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;

    private NamespaceTcpForwarder(Socket listener, IPEndPoint target)
    {
        _listener = listener;
        _target = target;
        _accept = Task.Run(AcceptAsync);
    }

    /// <summary>The port the listener has in the namespace (on 127.0.0.1).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>Starts forwarding from 127.0.0.1:(free port) in namespace <paramref name="netns"/> to <paramref name="target"/>.</summary>
    public static NamespaceTcpForwarder Start(string netns, IPEndPoint target)
    {
        ArgumentException.ThrowIfNullOrEmpty(netns);
        ArgumentNullException.ThrowIfNull(target);
        Socket? listener = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var own = File.OpenHandle("/proc/thread-self/ns/net");
                using var other = File.OpenHandle(Path.Combine("/var/run/netns", netns));
                Join(other);
                try
                {
                    listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                    listener.Listen(16);
                }
                finally
                {
                    Join(own);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException or InvalidOperationException)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? new NamespaceTcpForwarder(listener!, target) : throw new InvalidOperationException($"Cannot listen in namespace {netns}: {failure.Message}", failure);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        try
        {
            await _accept.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Closed.
        }

        _stop.Dispose();
    }

    private static void Join(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
        {
            throw new InvalidOperationException($"setns failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            _ = Task.Run(() => PipeAsync(client));
        }
    }

    private async Task PipeAsync(Socket client)
    {
        using (client)
        using (var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                await upstream.ConnectAsync(_target, _stop.Token).ConfigureAwait(false);
                await using var a = new NetworkStream(client, ownsSocket: false);
                await using var b = new NetworkStream(upstream, ownsSocket: false);
                var one = a.CopyToAsync(b, _stop.Token);
                var two = b.CopyToAsync(a, _stop.Token);
                await Task.WhenAny(one, two).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // One side closed.
            }
        }
    }
}
