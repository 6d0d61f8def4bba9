using System.Net;
using System.Net.Sockets;
using System.Text;
using Bench.Live;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Tests.Live;

/// <summary>The live view's server: bad requests get a 4xx and the server keeps serving; slow clients are dropped; a strict CSP.</summary>
public sealed class LiveServerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly LiveFeed _feed = new(new FakeTimeProvider(T0), clientQueue: 64);
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync(_feed, 0);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string, int> BadRequests => new()
    {
        { "not HTTP at all", "GARBAGE\r\n\r\n", 400 },
        { "HTTP/1.1 without a Host", "GET / HTTP/1.1\r\n\r\n", 400 },
        { "a Host that is not loopback (DNS rebinding)", "GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n", 400 },
        { "an unknown path", "GET /admin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 404 },
        { "a path out of the site", "GET /../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 404 },
        { "a write to the stream", "POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n", 405 },
        { "a request line of 4 KB", "GET /" + new string('a', 4096) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 414 },
        { "16 KB of headers", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + new string('b', 16384) + "\r\n\r\n", 431 },
        { "a POST with a broken chunked body (refused by its method, body unread)", "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 405 },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_gets_a_4xx_and_the_server_keeps_serving(string row, string request, int status)
    {
        var answer = await RawAsync(request);
        Assert.True(answer.StartsWith($"HTTP/1.1 {status} ", StringComparison.Ordinal), $"{row}: {answer.Split('\n')[0]}");

        var page = await RawAsync("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200 ", page, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Assets => new()
    {
        { "/", "text/html" },
        { "/live.js", "text/javascript" },
        { "/live.css", "text/css" },
        { "/favicon.svg", "image/svg+xml" },
    };

    [Theory]
    [MemberData(nameof(Assets))]
    public async Task The_page_is_served_from_the_assembly_under_a_strict_policy(string path, string type)
    {
        using var http = new HttpClient { BaseAddress = _server.Address };
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(type, response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(LiveServer.ContentSecurityPolicy, policy);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("http://", text.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", text, StringComparison.Ordinal);
        if (path == "/")
        {
            // No inline script or style: everything the page runs is /live.js.
            Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
            Assert.DoesNotContain("style=", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_stream_starts_with_the_snapshot_and_at_most_eight_streams_are_served()
    {
        using var http = new HttpClient { BaseAddress = _server.Address };
        var streams = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < LiveServer.MaxClients; i++)
            {
                var response = await http.GetAsync(new Uri("events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
                streams.Add(response);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
            }

            using var reader = new StreamReader(await streams[0].Content.ReadAsStreamAsync());
            Assert.Equal("event: snapshot", await reader.ReadLineAsync());

            using var refused = await http.GetAsync(new Uri("events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }
        finally
        {
            streams.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_dropped_and_publishing_never_waits_for_it()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(IPAddress.Loopback, _server.Address.Port);
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        var headers = new byte[256];
        Assert.True(await socket.ReceiveAsync(headers) > 0);
        Assert.StartsWith("HTTP/1.1 200 ", Encoding.ASCII.GetString(headers), StringComparison.Ordinal);

        // The client reads nothing more; the bench publishes (each call returns at once) until the feed gives up on it.
        var types = Enumerable.Range(0, 200).ToDictionary(i => $"type-{i:D3}-{new string('x', 20)}", i => i);
        var published = 0;
        while (_feed.DroppedClients == 0 && published < 100_000)
        {
            types["type-000-" + new string('x', 20)] = published++;
            _feed.Hub(T0, "https://127.0.0.1:1/hub/", types, []);
        }

        Assert.Equal(1, _feed.DroppedClients);
        Assert.Equal(0, _feed.Clients);

        // Its connection is closed: what was in flight drains, then the stream ends (end of stream or reset).
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[65536];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, guard.Token) > 0)
            {
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Aborted by the server: also closed.
        }
    }

    private async Task<string> RawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _server.Address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, guard.Token);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
