using System.Net;
using System.Net.Sockets;
using System.Text;
using Hardware.Positioning;

namespace Hardware.Tests.Positioning;

/// <summary>
/// The gpsd client against a small loopback server speaking gpsd's protocol as gpsd_json(5)
/// documents it: VERSION on connect, ?WATCH from the client, then DEVICES, WATCH and TPV lines.
/// The TPV line is the example of gpsd_json(5).
/// </summary>
public class GpsdClientTests
{
    private const string Version = "{\"class\":\"VERSION\",\"release\":\"3.22\",\"rev\":\"3.22\",\"proto_major\":3,\"proto_minor\":14}";
    private const string Devices = "{\"class\":\"DEVICES\",\"devices\":[{\"class\":\"DEVICE\",\"path\":\"/dev/ttyUSB0\",\"driver\":\"NMEA0183\",\"activated\":\"2005-06-08T10:34:48.283Z\"}]}";
    private const string Watch = "{\"class\":\"WATCH\",\"enable\":true,\"json\":true,\"nmea\":false,\"raw\":0,\"scaled\":false,\"timing\":false,\"split24\":false,\"pps\":false}";
    private const string Tpv = "{\"class\":\"TPV\",\"device\":\"/dev/pts/1\",\"time\":\"2005-06-08T10:34:48.283Z\",\"ept\":0.005,\"lat\":46.498293369,\"lon\":7.567411672,\"alt\":1343.127,\"eph\":36.000,\"epv\":32.321,\"track\":10.3788,\"speed\":0.091,\"climb\":-0.085,\"mode\":3}";
    private const string NoFix = "{\"class\":\"TPV\",\"device\":\"/dev/pts/1\",\"mode\":1}";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Watches_and_reads_tpv_reports()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var server = await FakeGpsd.StartAsync(Version, [Devices, Watch, "not json", Tpv, NoFix]);
        await using var client = await GpsdClient.ConnectAsync("127.0.0.1", server.Port, TimeProvider.System, TimeSpan.FromMinutes(1), timeout.Token);

        var fix = await client.NextReportAsync(timeout.Token);
        var noFix = await client.NextReportAsync(timeout.Token);

        Assert.Equal(GpsdClient.WatchCommand.TrimEnd('\n'), await server.ReceivedCommand);
        Assert.Equal("3.22", client.Release);
        Assert.True(fix.IsValid);
        Assert.Equal((46.498293369, 7.567411672, 1343.127, 0.091, 10.3788, 36.0),
            (fix.LatitudeDegrees, fix.LongitudeDegrees, fix.AltitudeMeters!.Value, fix.SpeedMetersPerSecond!.Value, fix.HeadingDegrees!.Value, fix.HorizontalAccuracyMeters!.Value));
        Assert.Equal(new DateTimeOffset(2005, 6, 8, 10, 34, 48, 283, TimeSpan.Zero), fix.FixTime);
        Assert.False(noFix.IsValid);
        Assert.False(client.Read().IsValid);
        Assert.Equal(1, client.BadLines);
    }

    [Theory]
    [InlineData("not json", "hello")]
    [InlineData("other class first", "{\"class\":\"TPV\",\"mode\":3}")]
    [InlineData("protocol 2", "{\"class\":\"VERSION\",\"release\":\"2.9\",\"proto_major\":2,\"proto_minor\":0}")]
    public async Task A_peer_that_is_not_gpsd_is_a_typed_error(string name, string greeting)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var server = await FakeGpsd.StartAsync(greeting, []);

        await Assert.ThrowsAsync<GpsdException>(() => GpsdClient.ConnectAsync("127.0.0.1", server.Port, TimeProvider.System, TimeSpan.FromMinutes(1), timeout.Token));
        Assert.NotEmpty(name);
    }

    [Theory]
    [InlineData("TPV without lat", "{\"class\":\"TPV\",\"mode\":2,\"lon\":7.5}", false)]
    [InlineData("2D fix has no altitude", "{\"class\":\"TPV\",\"mode\":2,\"lat\":1.5,\"lon\":2.5,\"alt\":99}", true)]
    public void Tpv_edge_cases(string name, string json, bool valid)
    {
        var fix = GpsdClient.ParseTpv(json, DateTimeOffset.UnixEpoch);

        Assert.True(valid == fix.IsValid, name);
        Assert.Null(fix.AltitudeMeters);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{\"class\":\"SKY\"}")]
    [InlineData("{\"class\":\"TPV\",\"mode\":3,\"lat\":\"north\",\"lon\":1}")]
    public void Malformed_tpv_is_a_typed_error(string json)
    {
        Assert.Throws<GpsdException>(() => GpsdClient.ParseTpv(json, DateTimeOffset.UnixEpoch));
    }

    private sealed class FakeGpsd : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Task _serve;

        private FakeGpsd(TcpListener listener, string greeting, string[] reports)
        {
            _listener = listener;
            var command = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            ReceivedCommand = command.Task;
            _serve = Task.Run(async () =>
            {
                using var socket = await _listener.AcceptTcpClientAsync();
                var stream = socket.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync(greeting);
                var line = await reader.ReadLineAsync();
                command.TrySetResult(line ?? string.Empty);
                foreach (var r in reports)
                {
                    await writer.WriteLineAsync(r);
                }

                await reader.ReadLineAsync();
            });
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public Task<string> ReceivedCommand { get; }

        public static Task<FakeGpsd> StartAsync(string greeting, string[] reports)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return Task.FromResult(new FakeGpsd(listener, greeting, reports));
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            try
            {
                await _serve.WaitAsync(Patience);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or TimeoutException or InvalidOperationException)
            {
            }

            _listener.Dispose();
        }
    }
}
