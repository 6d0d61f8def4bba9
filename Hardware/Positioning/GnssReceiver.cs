namespace Hardware.Positioning;

/// <summary>
/// A GNSS receiver as the OBU uses it: fixes from gpsd (<see cref="GpsdClient"/>) or from NMEA 0183 lines
/// (<see cref="NmeaPositionSource"/>, a serial port) discipline a <see cref="GnssClock"/>, and <see cref="Read"/> gives
/// the fix only while it is current and the clock is synchronised within its bound: otherwise it is invalid, so no
/// CAM is generated and no DENM is triggered with a position or time the unit does not have (CamGenerationRules and
/// DenmService refuse an invalid fix). <see cref="Status"/> says which case holds and <see cref="StatusChanged"/>
/// reports every change, for the logs, the HMI and the drive recording.
/// </summary>
public sealed class GnssReceiver : IPositionSource, IAsyncDisposable
{
    private readonly IPositionSource _source;
    private readonly IAsyncDisposable? _owned;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private Task _pump = Task.CompletedTask;
    private GnssStatus _status = GnssStatus.NoFix;

    private GnssReceiver(IPositionSource source, GnssClock clock, IAsyncDisposable? owned)
    {
        _source = source;
        Clock = clock;
        _owned = owned;
        Clock.SynchronisationChanged += _ => Update();
    }

    /// <summary>Raised on every change of <see cref="Status"/>.</summary>
    public event Action<GnssStatus>? StatusChanged;

    /// <summary>Raised for every fix the receiver reports (valid or not), after the clock took it.</summary>
    public event Action<PositionFix>? FixReported;

    /// <summary>The GNSS-disciplined clock.</summary>
    public GnssClock Clock { get; }

    /// <summary>What the receiver vouches for now.</summary>
    public GnssStatus Status
    {
        get
        {
            Update();
            lock (_lock)
            {
                return _status;
            }
        }
    }

    /// <summary>A receiver reading gpsd's reports.</summary>
    public static GnssReceiver FromGpsd(GpsdClient gpsd, GnssClock clock)
    {
        ArgumentNullException.ThrowIfNull(gpsd);
        ArgumentNullException.ThrowIfNull(clock);
        var receiver = new GnssReceiver(gpsd, clock, gpsd);
        receiver._pump = Task.Run(() => receiver.PumpGpsdAsync(gpsd));
        return receiver;
    }

    /// <summary>A receiver reading NMEA 0183 lines (a serial device opened as text, or any reader); it owns the reader.</summary>
    public static GnssReceiver FromNmea(TextReader lines, GnssClock clock, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(clock);
        var nmea = new NmeaPositionSource(clock.Local, maxAge);
        var receiver = new GnssReceiver(nmea, clock, null);
        receiver._pump = Task.Run(() => receiver.PumpNmeaAsync(nmea, lines));
        return receiver;
    }

    /// <summary>The fix, when current and the clock is synchronised; else invalid.</summary>
    public PositionFix Read()
    {
        var fix = _source.Read();
        return fix.IsValid && Clock.IsSynchronised ? fix : PositionFix.Invalid(Clock.GetUtcNow());
    }

    /// <summary>Takes one fix (the pumps call this; tests may too).</summary>
    public void Observe(PositionFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        Clock.Observe(fix);
        FixReported?.Invoke(fix);
        Update();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_owned is not null)
        {
            await _owned.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private void Update()
    {
        var fix = _source.Read();
        var now = !fix.IsValid ? GnssStatus.NoFix : Clock.IsSynchronised ? GnssStatus.Ready : GnssStatus.ClockNotSynchronised;
        lock (_lock)
        {
            if (now == _status)
            {
                return;
            }

            _status = now;
        }

        StatusChanged?.Invoke(now);
    }

    private async Task PumpGpsdAsync(GpsdClient gpsd)
    {
        try
        {
            while (true)
            {
                Observe(await gpsd.NextReportAsync(_stop.Token).ConfigureAwait(false));
            }
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            // gpsd went away: Read() turns invalid with the fix's age.
        }
        finally
        {
            Update();
        }
    }

    private async Task PumpNmeaAsync(NmeaPositionSource nmea, TextReader lines)
    {
        using (lines)
        {
            while (await lines.ReadLineAsync(_stop.Token).ConfigureAwait(false) is { } line)
            {
                // RMC carries the time of the fix: each accepted RMC is one observation.
                if (nmea.Accept(line) is null && line.Length > 6 && line.AsSpan(3, 3).SequenceEqual("RMC"))
                {
                    Observe(nmea.Read());
                }
            }
        }

        Update();
    }
}
