using Hardware.Hmi;
using Microsoft.Extensions.Time.Testing;

namespace Hardware.Tests.Hmi;

public class SimulatedAlertOutputTests
{
    [Fact]
    public void Raise_and_clear_are_recorded_with_time()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var hmi = new SimulatedAlertOutput(time);
        var alert = new HmiAlert("idf", AlertSeverity.Critical, "Integrity compromised: V2X sending stopped", Visual: true, Audible: true);

        hmi.Raise(alert);
        time.Advance(TimeSpan.FromSeconds(3));
        var cleared = hmi.Clear("idf");

        Assert.True(cleared);
        Assert.False(hmi.Clear("idf"));
        Assert.Empty(hmi.Active);
        Assert.Equal(
            [new AlertEvent(time.GetUtcNow().AddSeconds(-3), true, alert), new AlertEvent(time.GetUtcNow(), false, alert)],
            hmi.Events);
    }
}
