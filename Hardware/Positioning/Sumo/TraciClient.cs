using System.Buffers.Binary;
using System.Globalization;
using System.Net.Sockets;

namespace Hardware.Positioning.Sumo;

/// <summary>
/// A client of SUMO's TraCI server (https://sumo.dlr.de/docs/TraCI/Protocol.html): one TCP connection, one request at
/// a time. A request is one message of commands; the server answers each command with a status response and, for
/// queries, a response command. Every answer is read whole (bounded by <see cref="MaxMessageBytes"/>) and checked: a
/// wrong length, an unexpected command or type, a status error, a closed connection or no answer within the timeout
/// is a <see cref="TraciException"/>, after which the client is broken and refuses further requests.
/// </summary>
public sealed partial class TraciClient : IAsyncDisposable
{
    /// <summary>The largest answer accepted (a step with a few thousand vehicles is far below).</summary>
    public const int MaxMessageBytes = 16 * 1024 * 1024;

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _broken;
    private bool _closed;

    private TraciClient(TcpClient tcp, TimeSpan timeout)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _timeout = timeout;
    }

    /// <summary>Connects to a TraCI server.</summary>
    /// <param name="host">Host (the bench: 127.0.0.1).</param>
    /// <param name="port">The port sumo was started with (<c>--remote-port</c>).</param>
    /// <param name="timeout">How long one request may wait for its answer.</param>
    /// <param name="connectTimeout">How long the TCP connect may take (default 10 s).</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <exception cref="TraciException">No connection within the connect timeout.</exception>
    /// <exception cref="SocketException">The connection is refused.</exception>
    public static async Task<TraciClient> ConnectAsync(string host, int port, TimeSpan timeout, TimeSpan? connectTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var connectWithin = connectTimeout ?? TimeSpan.FromSeconds(10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(connectWithin, TimeSpan.Zero);
        var tcp = new TcpClient { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(connectWithin);
        try
        {
            await tcp.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
            return new TraciClient(tcp, timeout);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            tcp.Dispose();
            throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"No TraCI connection to {host}:{port} within {connectWithin.TotalSeconds} s."));
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Sends the close command (the server ends the simulation) and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_closed && !_broken)
        {
            try
            {
                await CloseAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (TraciException)
            {
                // The server may already be gone; the socket is closed below either way.
            }
        }

        _closed = true;
        _tcp.Dispose();
        _gate.Dispose();
    }

    /// <summary>
    /// Sends one message of commands and returns the answer, checking each command's status response in order. The
    /// returned reader stands after the statuses of the commands before <paramref name="parse"/>'s turn: <paramref name="parse"/>
    /// is called once per command, after its status, to read what follows it.
    /// </summary>
    private async Task Exchange(TraciWriter request, Action<int, byte, TraciReader> parse, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_broken)
        {
            throw new TraciException("The TraCI connection broke on an earlier request.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var answer = await SendAndReceiveAsync(request.ToMessage(), cancellationToken).ConfigureAwait(false);
            var reader = new TraciReader(answer);
            var ids = request.CommandIds;
            for (var i = 0; i < ids.Count; i++)
            {
                ReadStatus(reader, ids[i]);
                parse(i, ids[i], reader);
            }

            if (reader.Remaining != 0)
            {
                throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"The answer has {reader.Remaining} bytes after the last expected response."));
            }
        }
        catch (TraciException)
        {
            _broken = true;
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<byte[]> SendAndReceiveAsync(byte[] message, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            await _stream.WriteAsync(message, deadline.Token).ConfigureAwait(false);
            var header = new byte[4];
            await _stream.ReadExactlyAsync(header, deadline.Token).ConfigureAwait(false);
            var length = BinaryPrimitives.ReadInt32BigEndian(header);
            if (length < 4 || length > MaxMessageBytes)
            {
                throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"The answer's length {length} is outside 4..{MaxMessageBytes}."));
            }

            var body = new byte[length - 4];
            await _stream.ReadExactlyAsync(body, deadline.Token).ConfigureAwait(false);
            return body;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"SUMO did not answer within {_timeout.TotalSeconds} s."));
        }
        catch (EndOfStreamException e)
        {
            throw new TraciException("SUMO closed the connection in the middle of an answer.", e);
        }
        catch (IOException e)
        {
            throw new TraciException($"The TraCI connection failed: {e.Message}", e);
        }
        catch (SocketException e)
        {
            throw new TraciException($"The TraCI connection failed: {e.Message}", e);
        }
        catch (OperationCanceledException)
        {
            // Cancelled by the caller half-way: the stream's position in the protocol is unknown.
            _broken = true;
            throw;
        }
    }

    // Status response (TraCI/Protocol "Status Response"): [length][command id][result][description].
    private static void ReadStatus(TraciReader reader, byte command)
    {
        var status = reader.ReadCommand();
        var id = status.ReadUByte();
        if (id != command)
        {
            throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"Expected the status of command 0x{command:X2}, got one for 0x{id:X2}."));
        }

        var result = status.ReadUByte();
        var description = status.ReadString();
        if (status.Remaining != 0)
        {
            throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"The status of command 0x{command:X2} has {status.Remaining} bytes after its description."));
        }

        switch (result)
        {
            case TraciCommand.StatusOk:
                return;
            case TraciCommand.StatusNotImplemented:
                throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"SUMO does not implement command 0x{command:X2}: {description}"));
            case TraciCommand.StatusError:
                throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"SUMO refused command 0x{command:X2}: {description}"));
            default:
                throw new TraciException(string.Create(CultureInfo.InvariantCulture, $"Unknown status result 0x{result:X2} for command 0x{command:X2}."));
        }
    }
}
