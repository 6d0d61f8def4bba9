using System.Net.Sockets;
using Firmware.SecurePartition.Encoding;
using Firmware.SecurePartition.Keys;
using Firmware.SecurePartition.Posture;
using Firmware.SecurePartition.Reports;
using Firmware.SecurePartition.Triggers;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Signing;

namespace Firmware.SecurePartition.Protocol;

/// <summary>
/// The application partition's client of the secure partition: one connection (Unix socket or
/// in-memory channel), one request at a time (calls are serialised). It never holds a private key.
/// An error answer with a partition code (10 and above) raises <see cref="PartitionException"/>;
/// protocol errors and a broken connection raise <see cref="ProtocolException"/>. An exchange that
/// fails midway (cancelled, a connection error, a rejected or mismatched answer) leaves the stream
/// out of step with the partition, so the client closes it and every later call fails fast with
/// <see cref="ProtocolException"/>: the owner reconnects.
/// </summary>
public sealed partial class SecurePartitionClient : IAsyncDisposable, IDisposable
{
    private readonly Stream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private uint _nextId;
    private int _maxRequestBodyBytes = Frame.DefaultMaxBodyBytes;
    private volatile bool _broken;

    /// <summary>Uses a connected stream (for example from <see cref="InMemoryChannel.Connect"/>).</summary>
    public SecurePartitionClient(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
    }

    /// <summary>Largest response body accepted.</summary>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Largest request body sent: the partition's maximum from <see cref="HelloAsync"/>, or
    /// <see cref="Frame.DefaultMaxBodyBytes"/> before it. A larger request is refused without being
    /// sent (the partition would answer Oversized and close the connection).
    /// </summary>
    public int MaxRequestBodyBytes => Volatile.Read(ref _maxRequestBodyBytes);

    /// <summary>True once an exchange failed midway: the connection is closed and every call fails.</summary>
    public bool IsBroken => _broken;

    /// <summary>Connects to a partition serving a Unix domain socket.</summary>
    public static async Task<SecurePartitionClient> ConnectUnixAsync(string socketPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new SecurePartitionClient(new NetworkStream(socket, ownsSocket: true));
    }

    /// <summary>Protocol version, the partition's largest body, and the board name.</summary>
    public async Task<(byte Version, int MaxBodyBytes, string Board)> HelloAsync(CancellationToken cancellationToken = default)
    {
        var r = await CallAsync(MessageType.Hello, [], cancellationToken).ConfigureAwait(false);
        var result = (r.U8("version"), (int)Math.Min(int.MaxValue, r.U32("maxBody")), r.Text("board"));
        r.ExpectEnd();
        Volatile.Write(ref _maxRequestBodyBytes, result.Item2);
        return result;
    }

    /// <summary>Augment-and-sign: the signed message, the level it reports, whether the report is in it and the sending option in force (both the partition's decision).</summary>
    public async Task<SignedMessage> AugmentAndSignAsync(SignRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var w = new ByteWriter(request.Payload.Length + 32);
        w.U64(request.Psid.Value).U8(request.GenerationLocation is null ? (byte)0 : ProtocolHandler.LocationBit).U8(SignerByte(request.Signer));
        if (request.GenerationLocation is { } l)
        {
            w.I32(l.LatitudeTenthMicrodegrees).I32(l.LongitudeTenthMicrodegrees).U16(l.Elevation);
        }

        w.Bytes(request.Payload.Span);
        var r = await CallAsync(MessageType.AugmentAndSign, w.ToArray(), cancellationToken).ConfigureAwait(false);
        var signed = new SignedMessage([], r.Enum<IntegrityLevel>("level"), (DetectorFlags)r.U16("detectors"), r.U32("counter"), r.Bool("included"),
            r.Enum<Policy.SendingPolicy>("sendingOption"));
        signed = signed with { Spdu = r.Bytes("spdu", MaxResponseBytes) };
        r.ExpectEnd();
        return signed;
    }

    /// <summary>The compact report of the latest scan, optionally with the detailed report.</summary>
    public async Task<ReportSummary> GetReportAsync(bool detailed, CancellationToken cancellationToken = default)
    {
        var r = await CallAsync(MessageType.GetReport, [detailed ? (byte)1 : (byte)0], cancellationToken).ConfigureAwait(false);
        var level = r.Enum<IntegrityLevel>("level");
        var detectors = (DetectorFlags)r.U16("detectors");
        var time = r.Time("time");
        var bytes = r.Bytes("detailed", MaxResponseBytes);
        r.ExpectEnd();
        return new ReportSummary(level, detectors, time, bytes.Length == 0 ? null : ReportCodec.Decode(bytes));
    }

    /// <summary>Asks for a full scan for a trigger the application saw (patent ¶114).</summary>
    public async Task<ReportSummary> TriggerCheckAsync(TriggerKind trigger, string detail, CancellationToken cancellationToken = default)
    {
        var w = new ByteWriter().U8((byte)trigger).Text(detail);
        var r = await CallAsync(MessageType.TriggerCheck, w.ToArray(), cancellationToken).ConfigureAwait(false);
        var summary = new ReportSummary(r.Enum<IntegrityLevel>("level"), (DetectorFlags)r.U16("detectors"), r.Time("time"), null);
        r.ExpectEnd();
        return summary;
    }

    /// <summary>
    /// Announces the application's start (patent ¶114, TriggerCheck ApplicationStart): the partition
    /// measures the application and from then on signs for it; before this it refuses with
    /// <see cref="PartitionError.ApplicationNotStarted"/>.
    /// </summary>
    public Task<ReportSummary> AnnounceStartAsync(string application, CancellationToken cancellationToken = default) =>
        TriggerCheckAsync(TriggerKind.ApplicationStart, application, cancellationToken);

    /// <summary>The posture of the installed versions.</summary>
    public async Task<PostureStatus> GetPostureAsync(CancellationToken cancellationToken = default) =>
        ReadPosture(await CallAsync(MessageType.GetPosture, [], cancellationToken).ConfigureAwait(false));

    /// <summary>A posture request to carry to the posture server.</summary>
    public async Task<byte[]> CreatePostureRequestAsync(CancellationToken cancellationToken = default) =>
        Single(await CallAsync(MessageType.CreatePostureRequest, [], cancellationToken).ConfigureAwait(false), "request");

    /// <summary>Hands in the OEM-signed posture response.</summary>
    public async Task<PostureStatus> InstallPostureResponseAsync(ReadOnlyMemory<byte> signed, CancellationToken cancellationToken = default) =>
        ReadPosture(await CallAsync(MessageType.InstallPostureResponse, new ByteWriter().Bytes(signed.Span).ToArray(), cancellationToken).ConfigureAwait(false));

    /// <summary>Detailed reports from the black box after a sequence (upstream forwarding).</summary>
    public async Task<IReadOnlyList<(ulong Sequence, DetailedReport Report)>> ReadReportsAsync(ulong afterSequence, int max, CancellationToken cancellationToken = default)
    {
        var w = new ByteWriter().U64(afterSequence).U16((ushort)Math.Clamp(max, 0, ushort.MaxValue));
        var r = await CallAsync(MessageType.ReadReports, w.ToArray(), cancellationToken).ConfigureAwait(false);
        var list = r.List("reports", 1024, r => (r.U64("sequence"), ReportCodec.Decode(r.Bytes("report", MaxResponseBytes))));
        r.ExpectEnd();
        return list;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stream.Dispose();
        _gate.Dispose();
    }

    private static byte SignerByte(SignerChoice signer) => signer switch
    {
        SignerChoice.Digest => 0,
        SignerChoice.Certificate => 1,
        _ => 2,
    };

    private static byte[] Single(ByteReader r, string field)
    {
        var bytes = r.Bytes(field, 1024 * 1024);
        r.ExpectEnd();
        return bytes;
    }

    private static PostureStatus ReadPosture(ByteReader r)
    {
        var known = r.Bool("known");
        var cvss = r.U8("cvss") / 10.0;
        var count = (int)Math.Min(int.MaxValue, r.U32("vulnerabilities"));
        var upToDate = r.Bool("upToDate");
        var patches = r.Bool("patches");
        DateTimeOffset? lastPoll = r.Bool("hasLastPoll") ? r.Time("lastPoll") : null;
        var unassessed = r.List("unassessed", 1024, static r => r.Text("name"));
        r.ExpectEnd();
        return new PostureStatus(known, cvss, count, upToDate, patches, lastPoll, unassessed);
    }

    private async Task<ByteReader> CallAsync(MessageType type, byte[] body, CancellationToken cancellationToken)
    {
        if (body.Length > MaxRequestBodyBytes)
        {
            throw new ProtocolException(PartitionError.Oversized, $"A {type} request of {body.Length} bytes exceeds the partition's largest body ({MaxRequestBodyBytes} bytes); it was not sent.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfBroken();
            cancellationToken.ThrowIfCancellationRequested();
            var id = unchecked(++_nextId);
            Frame? answer;
            try
            {
                await _stream.WriteAsync(new Frame((byte)type, id, body).Encode(), cancellationToken).ConfigureAwait(false);
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                answer = await Frame.ReadAsync(_stream, MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                await BreakAsync().ConfigureAwait(false);
                throw new ProtocolException(PartitionError.Internal, $"The connection to the secure partition failed: {e.Message}", e);
            }
            catch (FrameException e)
            {
                await BreakAsync().ConfigureAwait(false);
                throw new ProtocolException(e.Error, e.Message, e);
            }
            catch
            {
                // Cancelled (or failed otherwise) between sending and reading the whole answer: the
                // unread rest would answer the next request, so the connection is done.
                await BreakAsync().ConfigureAwait(false);
                throw;
            }

            if (answer is null)
            {
                await BreakAsync().ConfigureAwait(false);
                throw new ProtocolException(PartitionError.Internal, "The secure partition closed the connection.");
            }

            if (answer.RequestId == 0 && answer.Type == (byte)MessageType.Error)
            {
                // Unasked (request id 0): the partition refused or closed this connection (PeerNotAllowed, Busy,
                // IdleTimeout, a stalled frame); the connection is done.
                await BreakAsync().ConfigureAwait(false);
                var er = new ByteReader(answer.Body, "Error");
                throw new ProtocolException((PartitionError)er.U16("code"), er.Text("message"));
            }

            if (answer.RequestId != id)
            {
                await BreakAsync().ConfigureAwait(false);
                throw new ProtocolException(PartitionError.Malformed, $"Answer {answer.RequestId} to request {id}.");
            }

            if (answer.Type == (byte)MessageType.Error)
            {
                var er = new ByteReader(answer.Body, "Error");
                var code = (PartitionError)er.U16("code");
                var message = er.Text("message");
                if ((ushort)code >= 10 && code != PartitionError.Internal)
                {
                    throw new PartitionException(code, message);
                }

                throw new ProtocolException(code, message);
            }

            if (answer.Type != ((byte)type | Frame.ResponseBit))
            {
                throw new ProtocolException(PartitionError.Malformed, $"Answer type 0x{answer.Type:X2} to request 0x{(byte)type:X2}.");
            }

            return new ByteReader(answer.Body, type + "Response");
        }
        finally
        {
            _gate.Release();
        }
    }

    private void ThrowIfBroken()
    {
        if (_broken)
        {
            throw new ProtocolException(PartitionError.Internal, "The connection to the secure partition was closed after an exchange failed midway; reconnect.");
        }
    }

    private async Task BreakAsync()
    {
        _broken = true;
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
