using Firmware.SecurePartition.Encoding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Firmware.SecurePartition.Protocol;

/// <summary>
/// Serves the protocol on one connection at a time per call, the same code for the Unix socket and
/// the in-memory channel. A request the partition refuses gets an error answer and the connection
/// stays open; a malformed, oversized, unknown-type or unknown-version frame gets an error answer
/// and the connection is closed. Nothing a client sends stops the partition serving others.
/// </summary>
public sealed class ProtocolServer
{
    private readonly ProtocolHandler _handler;
    private readonly int _maxBodyBytes;
    private readonly ILogger _log;
    private readonly TimeProvider _time;

    /// <summary>Serves a partition.</summary>
    public ProtocolServer(SecurePartitionService partition, int maxBodyBytes = Frame.DefaultMaxBodyBytes, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBodyBytes, 1024);
        _handler = new ProtocolHandler(partition, maxBodyBytes);
        _maxBodyBytes = maxBodyBytes;
        _log = logger ?? NullLogger.Instance;
        _time = partition.Time;
    }

    /// <summary>
    /// How long a frame may take from its first byte to its last (on the partition's clock). A
    /// connection may idle between frames, but one that stalls inside a frame gets an error and is
    /// closed, so it cannot hold a connection slot forever.
    /// </summary>
    public TimeSpan FrameTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Serves one connection until the peer closes it, a frame is bad, cancellation, or (with
    /// <paramref name="idleTimeout"/>, on the partition's clock) no request starts for that long: then the peer
    /// gets an <see cref="PartitionError.IdleTimeout"/> error (request id 0) and the connection is closed.
    /// </summary>
    public async Task ServeAsync(Stream connection, CancellationToken cancellationToken, TimeSpan? idleTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(connection);

        // The idle period runs from the connection's start, then from each request's arrival (so it is in force
        // before the answer leaves: a client that has its answer knows the clock is running).
        var idle = NewIdle(idleTimeout);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var first = new byte[1];
                using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token))
                {
                    try
                    {
                        if (await connection.ReadAsync(first, waiting.Token).ConfigureAwait(false) == 0)
                        {
                            return;
                        }
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        _log.LogInformation("Closing a connection idle for {Timeout}", idleTimeout);
                        await WriteErrorAsync(connection, 0, PartitionError.IdleTimeout, $"No request for {idleTimeout}: the connection is closed.", cancellationToken).ConfigureAwait(false);
                        return;
                    }
                }

                Frame frame;
                using (var deadline = new CancellationTokenSource(FrameTimeout, _time))
                using (cancellationToken.Register(deadline.Cancel))
                {
                    try
                    {
                        frame = await Frame.ReadRestAsync(connection, first[0], _maxBodyBytes, deadline.Token).ConfigureAwait(false);
                    }
                    catch (FrameException e)
                    {
                        _log.LogWarning("Closing a connection: {Error} {Message}", e.Error, e.Message);
                        await WriteErrorAsync(connection, e.RequestId, e.Error, e.Message, cancellationToken).ConfigureAwait(false);
                        return;
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        _log.LogWarning("Closing a connection: a frame stalled for {Timeout}", FrameTimeout);
                        await WriteErrorAsync(connection, 0, PartitionError.Malformed, $"The frame was not completed within {FrameTimeout}.", cancellationToken).ConfigureAwait(false);
                        return;
                    }
                }

                idle.Dispose();
                idle = NewIdle(idleTimeout);
                if (!await AnswerAsync(connection, frame, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer went away or the server stops: nothing to answer.
        }
        finally
        {
            idle.Dispose();
        }
    }

    private CancellationTokenSource NewIdle(TimeSpan? idleTimeout) =>
        idleTimeout is { } t ? new CancellationTokenSource(t, _time) : new CancellationTokenSource();

    /// <summary>Answers one frame; returns false when the connection must close.</summary>
    private async Task<bool> AnswerAsync(Stream connection, Frame frame, CancellationToken cancellationToken)
    {
        var type = (MessageType)frame.Type;
        if ((frame.Type & Frame.ResponseBit) != 0 || type == MessageType.Error || !Enum.IsDefined(type))
        {
            await WriteErrorAsync(connection, frame.RequestId, PartitionError.UnknownType, $"Message type 0x{frame.Type:X2} is not a request.", cancellationToken).ConfigureAwait(false);
            return false;
        }

        byte[] body;
        try
        {
            body = _handler.Handle(type, frame.Body);
        }
        catch (PartitionException e)
        {
            await WriteErrorAsync(connection, frame.RequestId, e.Error, e.Message, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MalformedDataException e)
        {
            _log.LogWarning("Closing a connection: malformed {Type}: {Message}", type, e.Message);
            await WriteErrorAsync(connection, frame.RequestId, PartitionError.Malformed, e.Message, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (ProtocolException e)
        {
            await WriteErrorAsync(connection, frame.RequestId, e.Error, e.Message, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The boundary never lets a request crash the partition: answer, close, log.
            _log.LogError(e, "Request {Type} failed", type);
            await WriteErrorAsync(connection, frame.RequestId, PartitionError.Internal, "The partition could not serve the request.", cancellationToken).ConfigureAwait(false);
            return false;
        }

        await connection.WriteAsync(new Frame((byte)(frame.Type | Frame.ResponseBit), frame.RequestId, body).Encode(), cancellationToken).ConfigureAwait(false);
        await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Writes one error frame.</summary>
    internal static async Task WriteErrorAsync(Stream connection, uint requestId, PartitionError error, string message, CancellationToken cancellationToken)
    {
        var body = new ByteWriter(64).U16((ushort)error).Text(message.Length <= 512 ? message : message[..512]).ToArray();
        await connection.WriteAsync(new Frame((byte)MessageType.Error, requestId, body).Encode(), cancellationToken).ConfigureAwait(false);
        await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
