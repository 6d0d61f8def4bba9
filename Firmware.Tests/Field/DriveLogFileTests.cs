using Hardware.Positioning;

namespace Firmware.Tests.Field;

/// <summary>The NMEA log gpsfake replays is the route simulator's output, so its source is checkable.</summary>
public sealed class DriveLogFileTests
{
    private static readonly IReadOnlyList<string> LogLines = File.ReadAllLines(GpsfakeSession.LogPath);

    [Fact]
    public void The_log_in_the_repository_is_what_the_route_simulator_generates()
    {
        var expected = NmeaDriveLog.Generate(GpsfakeSession.LogOptions);
        if (!expected.SequenceEqual(LogLines))
        {
            var fresh = Path.Combine(Path.GetTempPath(), "munich-block-5hz.nmea");
            File.WriteAllLines(fresh, expected);
            Assert.Fail($"{GpsfakeSession.LogPath} differs from the generator's output; the generated log is in {fresh}.");
        }
    }

}
