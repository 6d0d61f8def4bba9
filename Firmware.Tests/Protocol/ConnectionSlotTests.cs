using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Protocol;
using Firmware.Tests.Support;
using Testing.Linux;
using V2x.Security;
using V2x.Security.Signing;

namespace Firmware.Tests.Protocol;

/// <summary>
/// Issue 10 hole 5: 64 idle connections used to fill the accept loop's slots so that an honest Hello timed out.
/// Now the accept loop never waits, each process and each user (SO_PEERCRED) has a share, slots are kept for
/// the station's application, and an idle connection is closed. The hostile peer is a real second process
/// (Protocol/idle_clients.py under Debian's python3), as root or as a throwaway user in the socket's group.
/// </summary>
public sealed class ConnectionSlotTests : IDisposable
{
    private static readonly string Python = "/usr/bin/python3";
    private readonly TestBench _bench = TestBench.Create();
    private readonly List<IAsyncDisposable> _servers = [];
    private readonly List<Process> _hostiles = [];
    private ThrowawayAccounts? _accounts;

    public void Dispose()
    {
        foreach (var p in _hostiles)
        {
            try
            {
                p.Kill();
                p.WaitForExit();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            p.Dispose();
        }

        foreach (var s in _servers)
        {
            s.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _accounts?.Dispose();
        _bench.Dispose();
    }

    [Fact]
    public async Task Another_process_of_the_application_user_with_70_idle_connections_gets_its_share_and_the_application_still_signs()
    {
        var (server, path) = Start(new UnixSocketServerOptions { ApplicationUids = new HashSet<int> { 0 } });

        var hostile = Hostile(path, 70, asUser: null);

        Assert.Equal(8, hostile.Served);
        Assert.Equal(62, hostile.Refused.GetValueOrDefault(((int)PartitionError.Busy).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Empty(hostile.Failed);
        await SignsAsync(path);
        Assert.True(SpinWait.SpinUntil(() => server.ActiveConnections == 8, TimeSpan.FromSeconds(30)), $"{server.ActiveConnections} connections");
    }

    [Fact]
    public async Task A_hostile_user_in_the_socket_group_cannot_take_the_slots_kept_for_the_application()
    {
        _accounts = ThrowawayAccounts.Create();
        var (group, gid) = _accounts.Group("sock");
        var (hostileUser, hostileUid, _) = _accounts.User("host", group);
        var (server, path) = Start(new UnixSocketServerOptions
        {
            MaxConnections = 12,
            ReservedForApplication = 4,
            MaxConnectionsPerProcess = 64,
            MaxConnectionsPerUser = 64,
            ApplicationUids = new HashSet<int> { 0 },
            AllowedUids = new HashSet<int> { hostileUid },
            SocketGroup = gid,
        });

        var hostile = Hostile(path, 70, hostileUser);

        Assert.True(hostile.Served == 8 && hostile.Refused.GetValueOrDefault("6") == 62, hostile.ToString());

        // The four kept slots are the application's: it holds all of them at once and signs on each; a fifth is refused.
        var clients = new List<SecurePartitionClient>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                clients.Add(await SecurePartitionClient.ConnectUnixAsync(path));
                await SignsAsync(clients[^1]);
            }

            Assert.Equal(12, server.ActiveConnections);
            await using var fifth = await SecurePartitionClient.ConnectUnixAsync(path);
            Assert.Equal(PartitionError.Busy, (await Assert.ThrowsAsync<ProtocolException>(() => fifth.HelloAsync())).Error);
        }
        finally
        {
            foreach (var c in clients)
            {
                await c.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Peers_outside_the_allow_list_and_the_socket_group_are_refused()
    {
        _accounts = ThrowawayAccounts.Create();
        var (group, gid) = _accounts.Group("sock");
        var (member, _, _) = _accounts.User("memb", group);
        var (outsider, _, _) = _accounts.User("outs");
        var (_, path) = Start(new UnixSocketServerOptions { ApplicationUids = new HashSet<int> { 0 }, SocketGroup = gid });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, File.GetUnixFileMode(path));

        // In the group (the file lets it connect) but not allowed by SO_PEERCRED: a typed refusal.
        var inGroup = Hostile(path, 1, member);
        Assert.True(inGroup.Served == 0 && inGroup.Refused.GetValueOrDefault("5") == 1, inGroup.ToString());

        // Not in the group: connect(2) fails with EACCES (13) before the partition sees anything.
        var outside = Hostile(path, 1, outsider);
        Assert.True(outside.Served == 0 && outside.Failed.GetValueOrDefault("13") == 1, outside.ToString());

        await SignsAsync(path);
    }

    [Fact]
    public async Task A_refused_client_gets_a_typed_error()
    {
        var (_, path) = Start(new UnixSocketServerOptions { AllowedUids = new HashSet<int> { 12345 } });

        await using var client = await SecurePartitionClient.ConnectUnixAsync(path);
        var e = await Assert.ThrowsAsync<ProtocolException>(() => client.HelloAsync());

        Assert.Equal(PartitionError.PeerNotAllowed, e.Error);
        Assert.Contains("uid 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idle_connection_is_closed_after_the_timeout_and_a_busy_one_is_not()
    {
        var (server, path) = Start(new UnixSocketServerOptions { IdleTimeout = TimeSpan.FromSeconds(30) });
        using var idle = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await idle.ConnectAsync(new UnixDomainSocketEndPoint(path));
        await idle.SendAsync(HelloFrame(1));
        Assert.Equal(0x81, (await ReadFrameAsync(idle)).Type);
        await using var busy = await SecurePartitionClient.ConnectUnixAsync(path);
        _ = await busy.HelloAsync();

        _bench.Time.Advance(TimeSpan.FromSeconds(20));
        _ = await busy.HelloAsync();
        _bench.Time.Advance(TimeSpan.FromSeconds(11));

        var closing = await ReadFrameAsync(idle);
        Assert.Equal((0x7F, (ushort)PartitionError.IdleTimeout), (closing.Type, BinaryPrimitives.ReadUInt16BigEndian(closing.Body)));
        Assert.Equal(0, await idle.ReceiveAsync(new byte[1].AsMemory()).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        _ = await busy.HelloAsync();
        Assert.True(SpinWait.SpinUntil(() => server.ActiveConnections == 1, TimeSpan.FromSeconds(30)), $"{server.ActiveConnections} connections");
    }

    private (UnixSocketServer Server, string Path) Start(UnixSocketServerOptions options)
    {
        var path = Path.Combine(_bench.Directory, $"sp-{_servers.Count}.sock");
        var server = new UnixSocketServer(path, new ProtocolServer(_bench.Partition ?? _bench.StartPartition()), options);
        _servers.Add(server);
        server.Start();
        return (server, path);
    }

    // The application: connects, says Hello, gets a ticket (once), signs a CAM.
    private async Task SignsAsync(string path)
    {
        await using var client = await SecurePartitionClient.ConnectUnixAsync(path);
        await SignsAsync(client);
    }

    private async Task SignsAsync(SecurePartitionClient client)
    {
        _ = await client.HelloAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (!_provisioned)
        {
            await TestPki.ProvisionAsync(client);
            _provisioned = true;
        }

        var signed = await client.AugmentAndSignAsync(new SignRequest(Psid.Cam, TestPki.CamPayload(), null, SignerChoice.Digest));
        Assert.NotEmpty(signed.Spdu);
    }

    private bool _provisioned;

    private HostileResult Hostile(string path, int connections, string? asUser)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Protocol", "idle_clients.py");
        if (!File.Exists(Python))
        {
            Assert.Fail($"This test runs its hostile client with {Python} (Debian package python3, scripts/setup.sh).");
        }

        var start = new ProcessStartInfo(asUser is null ? Python : "setpriv")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (asUser is null ? Array.Empty<string>() : [.. ThrowawayAccounts.As(asUser)[1..], Python]).Concat([script, path, connections.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        _hostiles.Add(process);
        var line = process.StandardOutput.ReadLine();
        if (line is null)
        {
            Assert.Fail("The hostile client printed nothing: " + process.StandardError.ReadToEnd());
        }

        using var doc = JsonDocument.Parse(line);
        static Dictionary<string, int> Counts(JsonElement e) => e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        return new HostileResult(doc.RootElement.GetProperty("served").GetInt32(), Counts(doc.RootElement.GetProperty("refused")), Counts(doc.RootElement.GetProperty("failed")));
    }

    private static byte[] HelloFrame(uint id)
    {
        var frame = new byte[12];
        frame[0] = 0x53;
        frame[1] = 0x50;
        frame[2] = 1;
        frame[3] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), id);
        return frame;
    }

    private static async Task<(byte Type, byte[] Body)> ReadFrameAsync(Socket socket)
    {
        var head = await ReadAsync(socket, 12);
        return (head[3], await ReadAsync(socket, (int)BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(8))));
    }

    private static async Task<byte[]> ReadAsync(Socket socket, int n)
    {
        var buffer = new byte[n];
        var read = 0;
        while (read < n)
        {
            var got = await socket.ReceiveAsync(buffer.AsMemory(read)).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(got > 0, "the partition closed the connection early");
            read += got;
        }

        return buffer;
    }

    private sealed record HostileResult(int Served, Dictionary<string, int> Refused, Dictionary<string, int> Failed)
    {
        public override string ToString() => $"served {Served}, refused {string.Join(",", Refused)}, failed {string.Join(",", Failed)}";
    }
}
