namespace Hardware.Positioning;

/// <summary>
/// A position source fed with NMEA 0183 sentences (a GNSS receiver on a serial port, read as
/// text lines). RMC gives position, time, speed and course; GGA adds altitude and HDOP; VTG
/// updates speed and course. The fix is invalid until a valid RMC arrives, after an RMC with
/// status V, and when the last valid RMC is older than the maximum age. Bad sentences are
/// counted and skipped. Thread-safe.
/// </summary>
public sealed class NmeaPositionSource : IPositionSource
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private readonly Lock _lock = new();
    private PositionFix? _fix;
    private DateTimeOffset _receivedAt;
    private long _badSentences;

    /// <summary>Creates the source.</summary>
    public NmeaPositionSource(TimeProvider time, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        _time = time;
        _maxAge = maxAge;
    }

    /// <summary>Sentences rejected so far.</summary>
    public long BadSentences => Interlocked.Read(ref _badSentences);

    /// <summary>Takes one line from the receiver; returns the parse error, or null when it was used.</summary>
    public NmeaException? Accept(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        NmeaSentence sentence;
        try
        {
            sentence = NmeaParser.Parse(line);
        }
        catch (NmeaException e)
        {
            Interlocked.Increment(ref _badSentences);
            return e;
        }

        lock (_lock)
        {
            var now = _time.GetUtcNow();
            switch (sentence)
            {
                case NmeaRmc rmc:
                    _fix = new PositionFix(rmc.IsValid, rmc.LatitudeDegrees, rmc.LongitudeDegrees, _fix?.AltitudeMeters,
                        rmc.SpeedMetersPerSecond, rmc.CourseDegrees, rmc.FixTime, _fix?.HorizontalAccuracyMeters);
                    _receivedAt = now;
                    break;
                case NmeaGga gga when _fix is not null:
                    // HDOP times a nominal 5 m user range error gives a rough horizontal accuracy.
                    _fix = _fix with { AltitudeMeters = gga.AltitudeMeters, HorizontalAccuracyMeters = gga.Hdop * 5, IsValid = _fix.IsValid && gga.Quality != 0 };
                    break;
                case NmeaVtg vtg when _fix is not null:
                    _fix = _fix with { SpeedMetersPerSecond = vtg.SpeedMetersPerSecond ?? _fix.SpeedMetersPerSecond, HeadingDegrees = vtg.CourseTrueDegrees ?? _fix.HeadingDegrees };
                    break;
            }
        }

        return null;
    }

    /// <summary>Reads lines until the reader ends or cancellation.</summary>
    public async Task RunAsync(TextReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            Accept(line);
        }
    }

    /// <inheritdoc />
    public PositionFix Read()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_fix is null || now - _receivedAt > _maxAge)
            {
                return PositionFix.Invalid(now);
            }

            return _fix;
        }
    }
}
