using System.Buffers.Binary;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Protocol;
using Firmware.Tests.Support;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Signing;
using V2x.Time;

namespace Firmware.Tests.Protocol;

/// <summary>The partition boundary: frames byte by byte, bad frames answered and closed, the Unix socket, augment-and-sign end to end.</summary>
public sealed class ProtocolTests
{
    // Docs/secure-partition.md, "Protocol": the Hello request with id 1 and its empty body.
    private static readonly byte[] HelloRequest = Convert.FromHexString("535001010000000100000000");

    public static TheoryData<string, string, ushort> BadFrames => new()
    {
        // name, frame hex, expected error code (Docs/secure-partition.md error table)
        { "bad magic", "5351010100000007" + "00000000", 1 },
        { "unsupported version", "5350020100000007" + "00000000", 3 },
        { "oversized body", "5350010200000007" + "00100001", 2 },
        { "unknown type", "5350015500000007" + "00000000", 4 },
        { "a response type sent as request", "5350018100000007" + "00000000", 4 },
        { "error type sent as request", "5350017F00000007" + "00000000", 4 },
        { "hello with a body", "5350010100000007" + "00000001" + "00", 1 },
        { "augment-and-sign cut short", "5350010200000007" + "00000003" + "000000", 1 },
        { "get-report with a non-boolean", "5350010300000007" + "00000001" + "07", 1 },
        { "trigger with an undefined kind", "5350010400000007" + "00000003" + "630000", 1 },
        { "augment-and-sign with unknown flag bits", "5350010200000007" + "0000000f" + "0000000000000024" + "f0" + "00" + "00000000" + "00", 1 },
    };

    [Fact]
    public void Frame_encoding_matches_the_documented_bytes()
    {
        Assert.Equal(HelloRequest, new Frame(0x01, 1, []).Encode());
        var f = new Frame(0x83, 0x01020304, [0xAA, 0xBB]).Encode();
        Assert.Equal(Convert.FromHexString("53500183010203040000000" + "2AABB"), f);
    }

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task Bad_frame_gets_an_error_answer_and_a_closed_connection_while_others_are_served(string name, string hex, ushort code)
    {
        using var bench = TestBench.Create();
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition()));
        await using var good = new SecurePartitionClient(channel.Connect());
        await using var bad = channel.Connect();

        await bad.WriteAsync(Convert.FromHexString(hex));
        var answer = await Frame.ReadAsync(bad, 1 << 20, CancellationToken.None);
        Assert.NotNull(answer);
        Assert.Equal((byte)MessageType.Error, answer.Type);
        Assert.Equal(7u, answer.RequestId);
        Assert.True(code == BinaryPrimitives.ReadUInt16BigEndian(answer.Body), name);
        Assert.Null(await Frame.ReadAsync(bad, 1 << 20, CancellationToken.None));

        var (version, _, board) = await good.HelloAsync();
        Assert.Equal(1, version);
        Assert.Equal(bench.Board.Capabilities.Name, board);
    }

    [Fact]
    public async Task Refused_request_gets_an_error_and_the_connection_stays_open()
    {
        using var bench = TestBench.Create();
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition()));
        await using var client = new SecurePartitionClient(channel.Connect());
        var request = new SignRequest(Psid.Cam, TestPki.CamPayload(), null, SignerChoice.Digest);
        var notStarted = await Assert.ThrowsAsync<PartitionException>(() => client.AugmentAndSignAsync(request));
        Assert.Equal(PartitionError.ApplicationNotStarted, notStarted.Error);
        await client.AnnounceStartAsync("v2x-app");
        var e = await Assert.ThrowsAsync<PartitionException>(() => client.AugmentAndSignAsync(request));
        Assert.Equal(PartitionError.NoAuthorizationTicket, e.Error);
        Assert.Equal(0UL, bench.Partition!.Counter.Peek);
        var installWrong = await Assert.ThrowsAsync<PartitionException>(() => client.InstallTicketAsync(9, TestPki.Root.Encoded));
        Assert.Equal(PartitionError.UnknownSlot, installWrong.Error);
        Assert.Equal(1, (await client.HelloAsync()).Version);
    }

    [Fact]
    public async Task Augment_and_sign_over_the_unix_socket_carries_time_counter_nonce_and_report_under_one_signature()
    {
        using var bench = TestBench.Create();
        var socket = Path.Combine(bench.Directory, "sp.sock");
        var server = new UnixSocketServer(socket, new ProtocolServer(bench.StartPartition()));
        await using (server)
        {
            server.Start();
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socket));
            await using var client = await SecurePartitionClient.ConnectUnixAsync(socket);
            await TestPki.ProvisionAsync(client);
            var location = new ThreeDLocation(481_234_567, 115_678_901, 4096 + 5200);
            var reports = new List<IntegrityReport>();
            foreach (var signer in new[] { SignerChoice.Digest, SignerChoice.Certificate, SignerChoice.Digest })
            {
                bench.Time.Advance(TimeSpan.FromMilliseconds(100));
                var signed = await client.AugmentAndSignAsync(new SignRequest(Psid.Cam, TestPki.CamPayload(), location, signer));
                var (spdu, report) = TestPki.Open(signed.Spdu);
                Assert.NotNull(report);
                Assert.Equal(TestPki.CamPayload(), spdu.Payload.ToArray());
                Assert.Equal(Time64.FromUtc(bench.Time.GetUtcNow()), spdu.HeaderInfo.GenerationTime);
                Assert.Equal(spdu.HeaderInfo.GenerationTime, report.ReportTime);
                Assert.Equal(location, spdu.HeaderInfo.GenerationLocation);
                Assert.Equal(signed.MessageCounter, report.MessageCounter);
                Assert.Equal(IntegrityLevel.NoAnomaly, report.Level);

                // The simulated board feeds every detector class and no posture response is held.
                Assert.Equal((DetectorFlags)0xFF00, report.Coverage);
                Assert.Equal(PostureGrade.NotAssessed, report.Posture);
                Assert.Equal(signer == SignerChoice.Certificate ? SignerKind.Certificate : SignerKind.Digest, spdu.SignedData.Signer.Kind);
                Assert.Equal((byte?)5, IntegrityAssurance.Read(spdu.Signer.Certificate.ToBeSigned));
                reports.Add(report);
            }

            Assert.Equal([reports[0].MessageCounter + 1, reports[0].MessageCounter + 2], reports.Skip(1).Select(r => r.MessageCounter));
            Assert.Equal(3, reports.Select(r => r.Nonce).Distinct().Count());

            // A DENM is safety-critical: the partition puts the report in whatever the client would like.
            var denm = await client.AugmentAndSignAsync(new SignRequest(Psid.Denm, new byte[] { 1, 2, 3 }, null, SignerChoice.Digest));
            Assert.True(denm.ReportIncluded);
            Assert.NotNull(TestPki.Open(denm.Spdu).Report);
        }

        Assert.False(File.Exists(socket));
    }

    [Fact]
    public async Task Tampering_any_signed_byte_breaks_the_signature()
    {
        using var bench = TestBench.Create();
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition()));
        await using var client = new SecurePartitionClient(channel.Connect());
        await TestPki.ProvisionAsync(client);
        var signed = await client.AugmentAndSignAsync(new SignRequest(Psid.Cam, TestPki.CamPayload(), null, SignerChoice.Digest));
        // Offsets 128..151 hold the report in a 100-octet-payload SPDU (Docs/formats.md §3.2, §3.4): flip the level.
        var forged = (byte[])signed.Spdu.Clone();
        forged[129] ^= 0x02;
        Assert.Throws<VerificationException>(() => TestPki.Open(forged));
    }

    [Fact]
    public async Task A_frame_that_stalls_midway_is_answered_and_closed_after_the_frame_timeout()
    {
        using var bench = TestBench.Create();
        using var channel = new InMemoryChannel(new ProtocolServer(bench.StartPartition()));
        await using var idle = new SecurePartitionClient(channel.Connect());
        await using var stalled = channel.Connect();
        await stalled.WriteAsync(Convert.FromHexString("53500101000000"));
        var answer = Frame.ReadAsync(stalled, 1 << 20, CancellationToken.None);
        Assert.False(answer.IsCompleted);

        // An idle connection between frames is fine; a stalled frame is not. The server starts the
        // frame's deadline when its first byte arrives, on its own task: advance the fake clock
        // until that deadline has passed (each pass yields to the thread pool once).
        for (var i = 0; i < 1000 && !answer.IsCompleted; i++)
        {
            bench.Time.Advance(TimeSpan.FromSeconds(11));
            await Task.Run(() => { });
        }

        var error = await answer;
        Assert.NotNull(error);
        Assert.Equal((byte)MessageType.Error, error.Type);
        Assert.Null(await Frame.ReadAsync(stalled, 1 << 20, CancellationToken.None));
        Assert.Equal(1, (await idle.HelloAsync()).Version);
    }
}
