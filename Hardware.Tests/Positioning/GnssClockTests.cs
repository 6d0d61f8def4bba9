using Hardware.Positioning;
using Microsoft.Extensions.Time.Testing;

namespace Hardware.Tests.Positioning;

/// <summary>The GNSS-disciplined clock and the receiver's status: synchronisation, steps, holdover, jitter, no fix.</summary>
public sealed class GnssClockTests
{
    private static readonly DateTimeOffset Local = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Gnss = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reads_the_local_clock_until_confirmed_then_gnss_time()
    {
        var local = new FakeTimeProvider(Local);
        var clock = new GnssClock(local, new GnssClockOptions { ConfirmingFixes = 3 });

        Feed(clock, local, 2);
        Assert.False(clock.IsSynchronised);
        Assert.Equal(Local + TimeSpan.FromSeconds(2), clock.GetUtcNow());

        Feed(clock, local, 1, startSecond: 2);
        Assert.True(clock.IsSynchronised);
        Assert.Equal(Gnss + TimeSpan.FromSeconds(3), clock.GetUtcNow());
        local.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(Gnss + TimeSpan.FromMilliseconds(3250), clock.GetUtcNow());
    }

    public static TheoryData<string, TimeSpan, bool> Disagreements => new()
    {
        { "jitter inside the bound keeps it", TimeSpan.FromMilliseconds(80), true },
        { "a disagreement just past the bound is a step", TimeSpan.FromMilliseconds(120), false },
        { "a step of two minutes", TimeSpan.FromMinutes(2), false },
        { "a step back", TimeSpan.FromSeconds(-5), false },
    };

    [Theory]
    [MemberData(nameof(Disagreements))]
    public void A_fix_outside_the_bound_is_a_step(string name, TimeSpan error, bool stillSynchronised)
    {
        var local = new FakeTimeProvider(Local);
        var clock = new GnssClock(local, new GnssClockOptions { Bound = TimeSpan.FromMilliseconds(100) });
        Feed(clock, local, 3);
        var before = clock.GetUtcNow();
        var steps = new List<TimeSpan>();
        clock.StepDetected += steps.Add;

        clock.Observe(Fix(Gnss + TimeSpan.FromSeconds(3) + error));

        Assert.True(stillSynchronised == clock.IsSynchronised, name);
        Assert.Equal(stillSynchronised ? 0 : 1, clock.Steps);
        Assert.Equal(stillSynchronised ? [] : [error], steps);

        // A fix within the bound is followed; a step is not taken until it is confirmed.
        Assert.Equal(stillSynchronised ? before + error : before, clock.GetUtcNow());
    }

    [Fact]
    public void After_a_step_the_new_offset_is_confirmed_before_it_is_used()
    {
        var local = new FakeTimeProvider(Local);
        var clock = new GnssClock(local);
        Feed(clock, local, 3);
        var stepped = Gnss + TimeSpan.FromMinutes(2);

        for (var i = 0; i < 3; i++)
        {
            Assert.False(i > 0 && clock.IsSynchronised, $"synchronised after {i} fixes of the new time");
            clock.Observe(Fix(stepped + TimeSpan.FromSeconds(3 + i)));
            local.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(clock.IsSynchronised);
        Assert.Equal(stepped + TimeSpan.FromSeconds(6), clock.GetUtcNow());
    }

    [Fact]
    public void Without_fixes_it_holds_over_then_is_not_synchronised()
    {
        var local = new FakeTimeProvider(Local);
        var clock = new GnssClock(local, new GnssClockOptions { Holdover = TimeSpan.FromSeconds(10) });
        Feed(clock, local, 3);
        var changes = new List<bool>();
        clock.SynchronisationChanged += changes.Add;

        local.Advance(TimeSpan.FromSeconds(9));
        Assert.True(clock.IsSynchronised);
        local.Advance(TimeSpan.FromSeconds(2));
        Assert.False(clock.IsSynchronised);

        clock.Observe(Fix(clock.GetUtcNow()));
        Assert.True(clock.IsSynchronised);
        Assert.Equal([true], changes); // the holdover's end is seen by readers; the next agreeing fix reports its return
    }

    [Fact]
    public void Invalid_fixes_carry_no_time()
    {
        var local = new FakeTimeProvider(Local);
        var clock = new GnssClock(local);

        for (var i = 0; i < 5; i++)
        {
            clock.Observe(PositionFix.Invalid(Gnss));
        }

        Assert.False(clock.IsSynchronised);
        Assert.Null(clock.Offset);
    }

    [Fact]
    public async Task The_receiver_reports_no_fix_then_clock_not_synchronised_then_ready()
    {
        var local = new FakeTimeProvider(Local);
        var clock = new GnssClock(local);
        var lines = new LineFeed();
        await using var receiver = GnssReceiver.FromNmea(lines, clock, TimeSpan.FromSeconds(3));
        var statuses = new List<GnssStatus>();
        receiver.StatusChanged += statuses.Add;

        Assert.Equal(GnssStatus.NoFix, receiver.Status);
        for (var i = 0; i < 3; i++)
        {
            var fix = Fix(Gnss + TimeSpan.FromSeconds(i));
            await lines.SendAsync(NmeaWriter.Gga(fix), NmeaWriter.Rmc(fix));
            if (i < 2)
            {
                Assert.Equal(GnssStatus.ClockNotSynchronised, receiver.Status);
                Assert.False(receiver.Read().IsValid);
            }

            local.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(GnssStatus.Ready, receiver.Status);
        Assert.Equal(48.1, receiver.Read().LatitudeDegrees, 5);
        await lines.SendAsync(NmeaWriter.Rmc(PositionFix.Invalid(Gnss + TimeSpan.FromSeconds(3))));
        Assert.Equal(GnssStatus.NoFix, receiver.Status);
        Assert.Equal([GnssStatus.ClockNotSynchronised, GnssStatus.Ready, GnssStatus.NoFix], statuses);
        lines.Complete();
    }

    private static void Feed(GnssClock clock, FakeTimeProvider local, int fixes, int startSecond = 0)
    {
        for (var i = startSecond; i < startSecond + fixes; i++)
        {
            clock.Observe(Fix(Gnss + TimeSpan.FromSeconds(i)));
            local.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private static PositionFix Fix(DateTimeOffset time) => new(true, 48.1, 11.5, 520, 10, 90, time, 2);

    // Lines for the receiver's pump: each SendAsync returns once the pump asked for the line after the last one.
    private sealed class LineFeed : TextReader
    {
        private readonly System.Threading.Channels.Channel<string?> _lines = System.Threading.Channels.Channel.CreateUnbounded<string?>();
        private readonly SemaphoreSlim _asked = new(0);

        public async Task SendAsync(params string[] lines)
        {
            foreach (var line in lines)
            {
                await _lines.Writer.WriteAsync(line);
                await _asked.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }

        public void Complete() => _lines.Writer.TryWrite(null);

        public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            // Asking again means the previous line was handled.
            if (_handedOut)
            {
                _asked.Release();
            }

            var line = await _lines.Reader.ReadAsync(cancellationToken);
            _handedOut = true;
            return line;
        }

        private bool _handedOut;
    }
}
