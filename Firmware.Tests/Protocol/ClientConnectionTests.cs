using System.Net.Sockets;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Encoding;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Protocol;
using Firmware.Tests.Support;
using V2x.Security;
using V2x.Security.Signing;

namespace Firmware.Tests.Protocol;

/// <summary>
/// The client keeps its one connection usable: a request larger than the partition's frame limit is
/// refused before it is sent (the partition would answer Oversized and close the node's only
/// connection); an exchange that fails midway closes the client, and every later call fails fast
/// with <see cref="ProtocolException"/> instead of reading the previous request's answer. The Unix
/// socket server replaces only a stale socket: never a file, a directory, or a live partition's socket.
/// </summary>
public sealed class ClientConnectionTests
{
    // 64 indicators of 16 process names of 63 bytes: about 70 KB encoded, over the 64 KiB frame limit.
    internal static IndicatorRuleUpdate LargeUpdate(DateTimeOffset at) => new(
        Enumerable.Range(1, IndicatorRuleCodec.MaxEntries).Select(n => new IndicatorEntry(new Guid(n, 0x7e57, 0x4000, 0x80, 0, 0, 0, 0, 0, 0, (byte)n), at, at, null,
            Enumerable.Range(1, IndicatorRuleCodec.MaxRulesPerEntry).Select(r => IndicatorRule.ProcessName($"rogue-{n:D3}-{r:D2}-".PadRight(63, 'x'))).ToList())).ToList(),
        []);

    [Fact]
    public async Task A_request_over_the_frame_limit_is_refused_unsent_and_the_connection_keeps_signing()
    {
        using var bench = TestBench.Create();
        var partition = bench.StartPartition();
        using var channel = new InMemoryChannel(new ProtocolServer(partition));
        await using var client = new SecurePartitionClient(channel.Connect());
        await TestPki.ProvisionAsync(client);
        var update = LargeUpdate(bench.Time.GetUtcNow());
        Assert.True(IndicatorRuleCodec.EncodeUpdate(update).Length > Frame.DefaultMaxBodyBytes);
        Assert.Equal(Frame.DefaultMaxBodyBytes, client.MaxRequestBodyBytes);

        var e = await Assert.ThrowsAsync<ProtocolException>(() => client.UpdateIndicatorRulesAsync(update));

        Assert.Equal(PartitionError.Oversized, e.Error);
        Assert.False(client.IsBroken);
        Assert.Equal(0u, partition.Idf.Indicators.Revision);
        var signed = await client.AugmentAndSignAsync(new SignRequest(Psid.Cam, TestPki.CamPayload(), null, SignerChoice.Digest));
        Assert.NotEmpty(signed.Spdu);
        Assert.Equal(Frame.DefaultMaxBodyBytes, (await client.HelloAsync()).MaxBodyBytes);
    }

    // What the partition side does after reading the request, and how the call fails.
    public static TheoryData<string> MidwayRows => new()
    {
        "cancelled while waiting for the answer",
        "answer over the client's response limit",
        "answer to another request",
        "connection ends inside the answer",
    };

    [Theory]
    [MemberData(nameof(MidwayRows))]
    public async Task An_exchange_that_fails_midway_breaks_the_client_and_later_calls_fail_fast(string name)
    {
        var (clientSide, partitionSide) = InMemoryDuplexStream.CreatePair();
        await using var client = new SecurePartitionClient(clientSide) { MaxResponseBytes = 1024 };
        using var cancel = new CancellationTokenSource();
        var call = client.HelloAsync(cancel.Token);
        var request = await Frame.ReadAsync(partitionSide, Frame.DefaultMaxBodyBytes, CancellationToken.None);
        Assert.NotNull(request);
        var hello = new ByteWriter().U8(Frame.Version).U32(Frame.DefaultMaxBodyBytes).Text("late").ToArray();
        var answer = new Frame((byte)MessageType.Hello | Frame.ResponseBit, request!.RequestId, hello).Encode();
        switch (name)
        {
            case "cancelled while waiting for the answer":
                await cancel.CancelAsync();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
                break;
            case "answer over the client's response limit":
                await partitionSide.WriteAsync(new Frame((byte)MessageType.Hello | Frame.ResponseBit, request.RequestId, new byte[2048]).Encode()[..Frame.HeaderBytes]);
                Assert.Equal(PartitionError.Oversized, (await Assert.ThrowsAsync<ProtocolException>(() => call)).Error);
                break;
            case "answer to another request":
                await partitionSide.WriteAsync(new Frame((byte)MessageType.Hello | Frame.ResponseBit, request.RequestId + 5, hello).Encode());
                Assert.Equal(PartitionError.Malformed, (await Assert.ThrowsAsync<ProtocolException>(() => call)).Error);
                break;
            default:
                await partitionSide.WriteAsync(answer[..(Frame.HeaderBytes + 2)]);
                await partitionSide.DisposeAsync();
                Assert.Equal(PartitionError.Malformed, (await Assert.ThrowsAsync<ProtocolException>(() => call)).Error);
                break;
        }

        Assert.True(client.IsBroken, name);
        // The answer arriving late must not be taken for the next request's answer.
        try
        {
            await partitionSide.WriteAsync(answer);
        }
        catch (Exception e) when (e is ObjectDisposedException or IOException)
        {
            // The client closed the pair: nothing more can arrive.
        }

        var later = await Assert.ThrowsAsync<ProtocolException>(() => client.HelloAsync());
        Assert.Equal(PartitionError.Internal, later.Error);
        Assert.DoesNotContain("Answer", later.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, bool> SocketPathRows => new()
    {
        { "nothing at the path", true },
        { "stale socket of a partition that is gone", true },
        { "live socket of another partition", false },
        { "regular file", false },
        { "directory", false },
    };

    [Theory]
    [MemberData(nameof(SocketPathRows))]
    public async Task The_socket_server_replaces_only_a_stale_socket(string name, bool starts)
    {
        using var bench = TestBench.Create();
        var path = Path.Combine(bench.Directory, "sp.sock");
        UnixSocketServer? other = null;
        switch (name)
        {
            case "stale socket of a partition that is gone":
                // .NET unlinks a socket it bound when it is disposed; a partition that crashed leaves its
                // socket behind, as does moving the bound socket away before the dispose.
                using (var gone = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
                {
                    gone.Bind(new UnixDomainSocketEndPoint(path + ".bound"));
                    gone.Listen();
                    File.Move(path + ".bound", path);
                }

                Assert.True(File.Exists(path), name);
                break;
            case "live socket of another partition":
                other = new UnixSocketServer(path, new ProtocolServer(bench.StartPartition()));
                other.Start();
                break;
            case "regular file":
                await File.WriteAllTextAsync(path, "not a socket");
                break;
            case "directory":
                Directory.CreateDirectory(path);
                break;
        }

        var partition = other is null ? bench.StartPartition() : bench.Partition!;
        var server = new UnixSocketServer(path, new ProtocolServer(partition));
        await using (server)
        {
            if (starts)
            {
                server.Start();
                await using var client = await SecurePartitionClient.ConnectUnixAsync(path);
                Assert.Equal(Frame.Version, (await client.HelloAsync()).Version);
            }
            else
            {
                Assert.Throws<IOException>(server.Start);
            }
        }

        switch (name)
        {
            case "live socket of another partition":
                // The other partition still serves its socket.
                await using (other!)
                {
                    await using var client = await SecurePartitionClient.ConnectUnixAsync(path);
                    Assert.Equal(Frame.Version, (await client.HelloAsync()).Version);
                }

                break;
            case "regular file":
                Assert.Equal("not a socket", await File.ReadAllTextAsync(path));
                break;
            case "directory":
                Assert.True(Directory.Exists(path), name);
                break;
        }
    }
}
