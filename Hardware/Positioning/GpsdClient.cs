using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Hardware.Positioning;

/// <summary>
/// A position source reading gpsd (the Linux board's GNSS daemon) over its JSON protocol
/// (gpsd_json(5), protocol 3.x): on connect gpsd sends a VERSION object; the client sends
/// ?WATCH={"enable":true,"json":true}; gpsd then streams one JSON object per line, of which TPV
/// (time-position-velocity) reports carry the fix. A TPV with mode below 2 (no fix) or a report
/// older than the maximum age makes <see cref="Read"/> invalid. Malformed lines are counted and skipped.
/// </summary>
public sealed class GpsdClient : IPositionSource, IAsyncDisposable
{
    /// <summary>gpsd's registered TCP port.</summary>
    public const int DefaultPort = 2947;

    /// <summary>The watch command this client sends.</summary>
    public const string WatchCommand = "?WATCH={\"enable\":true,\"json\":true}\n";

    private readonly TcpClient _tcp;
    private readonly StreamReader _reader;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<PositionFix> _reports = Channel.CreateBounded<PositionFix>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Lock _lock = new();
    private Task _loop = Task.CompletedTask;
    private PositionFix? _fix;
    private DateTimeOffset _receivedAt;
    private long _badLines;

    private GpsdClient(TcpClient tcp, TimeProvider time, TimeSpan maxAge)
    {
        _tcp = tcp;
        _reader = new StreamReader(tcp.GetStream(), Encoding.UTF8);
        _time = time;
        _maxAge = maxAge;
    }

    /// <summary>The release gpsd announced in its VERSION object.</summary>
    public string Release { get; private set; } = string.Empty;

    /// <summary>Lines that were not valid JSON objects.</summary>
    public long BadLines => Interlocked.Read(ref _badLines);

    /// <summary>Connects, checks the VERSION greeting, sends ?WATCH and starts reading reports.</summary>
    /// <exception cref="GpsdException">The peer's first line is not a gpsd VERSION object.</exception>
    /// <exception cref="SocketException">The connection fails.</exception>
    public static async Task<GpsdClient> ConnectAsync(string host, int port, TimeProvider time, TimeSpan maxAge, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }

        var client = new GpsdClient(tcp, time, maxAge);
        try
        {
            var greeting = await client._reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new GpsdException("gpsd closed the connection before its VERSION greeting.");
            client.Release = ParseVersion(greeting);
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(WatchCommand), cancellationToken).ConfigureAwait(false);
            client._loop = Task.Run(client.ReadLoopAsync, CancellationToken.None);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Parses a TPV object into a fix (mode 2 or 3 is valid).</summary>
    /// <exception cref="GpsdException">The line is not a TPV object with a usable mode.</exception>
    public static PositionFix ParseTpv(string json, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object || !o.TryGetProperty("class", out var cls) || cls.GetString() != "TPV")
            {
                throw new GpsdException("Not a TPV object.");
            }

            var mode = o.TryGetProperty("mode", out var m) && m.TryGetInt32(out var mv) ? mv : 0;
            var time = o.TryGetProperty("time", out var t) && DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var tv)
                ? tv
                : receivedAt;
            if (mode < 2 || !o.TryGetProperty("lat", out var lat) || !o.TryGetProperty("lon", out var lon))
            {
                return PositionFix.Invalid(time);
            }

            // gpsd 3.20+ reports altHAE and altMSL; older releases "alt" (MSL).
            var alt = Number(o, "altMSL") ?? Number(o, "alt");
            var eph = Number(o, "eph") ?? MaxOf(Number(o, "epx"), Number(o, "epy"));
            return new PositionFix(true, lat.GetDouble(), lon.GetDouble(), mode == 3 ? alt : null, Number(o, "speed"), Number(o, "track"), time, eph);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new GpsdException("Malformed TPV report.", e);
        }
    }

    /// <inheritdoc />
    public PositionFix Read()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            return _fix is null || now - _receivedAt > _maxAge ? PositionFix.Invalid(now) : _fix;
        }
    }

    /// <summary>Waits for the next TPV report and returns the fix it gave.</summary>
    public ValueTask<PositionFix> NextReportAsync(CancellationToken cancellationToken = default) => _reports.Reader.ReadAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _tcp.Dispose();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Closed.
        }

        _reader.Dispose();
        _stop.Dispose();
    }

    private static string ParseVersion(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var o = doc.RootElement;
            if (o.ValueKind == JsonValueKind.Object && o.TryGetProperty("class", out var cls) && cls.GetString() == "VERSION"
                && o.TryGetProperty("proto_major", out var major) && major.GetInt32() == 3)
            {
                return o.TryGetProperty("release", out var r) ? r.GetString() ?? string.Empty : string.Empty;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new GpsdException("The greeting is not JSON: not a gpsd server.", e);
        }

        throw new GpsdException("The greeting is not a gpsd protocol 3 VERSION object.");
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await _reader.ReadLineAsync(_stop.Token).ConfigureAwait(false) is { } line)
            {
                if (!line.StartsWith('{'))
                {
                    // gpsd sends one JSON object per line; anything else is noise on the link.
                    Interlocked.Increment(ref _badLines);
                    continue;
                }

                if (!line.Contains("\"TPV\"", StringComparison.Ordinal))
                {
                    continue;
                }

                PositionFix fix;
                try
                {
                    fix = ParseTpv(line, _time.GetUtcNow());
                }
                catch (GpsdException)
                {
                    Interlocked.Increment(ref _badLines);
                    continue;
                }

                lock (_lock)
                {
                    _fix = fix;
                    _receivedAt = _time.GetUtcNow();
                }

                _reports.Writer.TryWrite(fix);
            }
        }
        finally
        {
            lock (_lock)
            {
                // The daemon went away: no more fixes.
                _fix = null;
            }

            _reports.Writer.TryComplete();
        }
    }

    private static double? Number(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static double? MaxOf(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
