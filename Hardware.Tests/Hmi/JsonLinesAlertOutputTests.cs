using System.Text.Json;
using Hardware.Hmi;
using Microsoft.Extensions.Time.Testing;

namespace Hardware.Tests.Hmi;

/// <summary>Alerts for an HMI process as JSON lines: one per raise and per clear, appended and flushed.</summary>
public sealed class JsonLinesAlertOutputTests : IDisposable
{
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("hw-hmi");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Raise_and_clear_are_lines_another_process_can_read()
    {
        var path = Path.Combine(_dir, "alerts.jsonl");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var output = new JsonLinesAlertOutput(path, time);

        output.Raise(new HmiAlert("integrity-detection", AlertSeverity.Critical, "V2X messages withheld", Visual: true, Audible: true));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(output.Clear("integrity-detection"));
        Assert.False(output.Clear("integrity-detection"));

        var lines = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(("raise", "integrity-detection", "Critical", true), (lines[0].GetProperty("event").GetString(), lines[0].GetProperty("id").GetString(),
            lines[0].GetProperty("severity").GetString(), lines[0].GetProperty("audible").GetBoolean()));
        Assert.Equal(("clear", "2026-03-01T12:00:05.0000000+00:00"), (lines[1].GetProperty("event").GetString(), lines[1].GetProperty("time").GetString()));
        Assert.Empty(output.Active);
    }
}
