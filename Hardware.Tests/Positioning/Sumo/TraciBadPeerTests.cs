using Hardware.Positioning.Sumo;
using static Hardware.Tests.Positioning.Sumo.ScriptedTraciPeer;

namespace Hardware.Tests.Positioning.Sumo;

/// <summary>
/// The TraCI client against a scripted hostile or broken peer: every malformed answer is a <see cref="TraciException"/>
/// naming what is wrong, never a crash or a hang; the client then refuses further requests.
/// </summary>
public class TraciBadPeerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly byte[] GoodVersion = Message(Status(0x00), Command(0x00, Int(20), Str("SUMO 1.15.0")));

    public static TheoryData<string, byte[], string> VersionAnswers => new()
    {
        { "length below its own header", [0, 0, 0, 2], "outside 4.." },
        { "length above the limit", Int(int.MaxValue), "outside 4.." },
        { "status for another command", Message(Status(0x02), Command(0x00, Int(20), Str("SUMO"))), "status of command 0x00, got one for 0x02" },
        { "status error", Message(Status(0x00, 0xFF, "out of cheese")), "refused command 0x00: out of cheese" },
        { "not implemented", Message(Status(0x00, 0x01, "no")), "does not implement command 0x00" },
        { "unknown status result", Message(Status(0x00, 0x42)), "Unknown status result 0x42" },
        { "command length past the end", Message([200, 0x00, 0x00]), "runs past the end" },
        { "command length 1", Message([1, 0x00]), "leaves no room" },
        { "extended length shorter than its header", Message([0, 0, 0, 0, 3, 0x00]), "shorter than its own header" },
        { "negative string length", Message(Status(0x00), Command(0x00, Int(20), Int(-5))), "A string of -5 bytes" },
        { "string longer than the message", Message(Status(0x00), Command(0x00, Int(20), Int(1000), [65])), "A string of 1000 bytes" },
        { "invalid UTF-8", Message(Status(0x00), Command(0x00, Int(20), Int(2), [0xC3, 0x28])), "not valid UTF-8" },
        { "response command with another id", Message(Status(0x00), Command(0x01, Int(20), Str("SUMO"))), "Expected response command 0x00, got 0x01" },
        { "version cut short", Message(Status(0x00), Command(0x00, [0, 0])), "message ends where an integer was expected" },
        { "bytes after the version", Message(Status(0x00), Command(0x00, Int(20), Str("SUMO"), [1])), "unexpected bytes after the version" },
        { "bytes after the last response", [.. GoodVersion[..3], (byte)(GoodVersion[3] + 1), .. GoodVersion[4..], 9], "after the last expected response" },
        { "no status at all", Message(), "message ends where an unsigned byte was expected" },
    };

    [Theory]
    [MemberData(nameof(VersionAnswers))]
    public async Task A_malformed_answer_to_get_version_is_a_typed_error(string name, byte[] answer, string reason)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var peer = Start(answer, GoodVersion);
        await using var client = await TraciClient.ConnectAsync("127.0.0.1", peer.Port, Patience, cancellationToken: timeout.Token);

        var e = await Assert.ThrowsAsync<TraciException>(() => client.GetVersionAsync(timeout.Token));
        var again = await Assert.ThrowsAsync<TraciException>(() => client.GetVersionAsync(timeout.Token));

        Assert.True(e.Message.Contains(reason, StringComparison.Ordinal), $"{name}: {e.Message}");
        Assert.Contains("broke on an earlier request", again.Message, StringComparison.Ordinal);
    }

    private static byte[] Vehicle(string id, byte speedType = 0x0B, double speed = 10) =>
        Command(0xE4, Str(id), [4], [0x42, 0x00, 0x01], Double(1), Double(2), [0x40, 0x00, speedType], Double(speed), [0x43, 0x00, 0x0B], Double(90), [0x72, 0x00, 0x0B], Double(0));

    private static byte[] Simulation(double time = 1.0) =>
        Command(0xEB, Str(string.Empty), [3], [0x66, 0x00, 0x0B], Double(time), [0x74, 0x00, 0x0E], Int(1), Str("a"), [0x7A, 0x00, 0x0E], Int(0));

    public static TheoryData<string, byte[], string> StepAnswers => new()
    {
        { "negative subscription count", Message(Status(0x02), Int(-1)), "-1 subscription responses" },
        { "huge subscription count", Message(Status(0x02), Int(1_000_000)), "1000000 subscription responses" },
        { "unknown subscription response", Message(Status(0x02), Int(1), Command(0xE9, Str("x"), [0])), "Unexpected subscription response 0xE9" },
        { "no simulation subscription", Message(Status(0x02), Int(1), Vehicle("v")), "no simulation subscription" },
        { "two simulation subscriptions", Message(Status(0x02), Int(2), Simulation(), Simulation()), "Two simulation subscription responses" },
        { "speed of the wrong type", Message(Status(0x02), Int(2), Simulation(), Vehicle("v", speedType: 0x0C)), "speed of v: expected TraCI type 0x0B, got 0x0C" },
        { "speed not a number", Message(Status(0x02), Int(2), Simulation(), Vehicle("v", speed: double.NaN)), "not a finite number" },
        { "negative time", Message(Status(0x02), Int(1), Simulation(-1)), "impossible time" },
        { "variable error status", Message(Status(0x02), Int(2), Simulation(), Command(0xE4, Str("v"), [1], [0x40, 0xFF, 0x0C], Str("gone"))), "could not read variable 0x40 of 'v': gone" },
        { "variable not subscribed", Message(Status(0x02), Int(2), Simulation(), Command(0xE4, Str("v"), [1], [0x50, 0x00, 0x0B], Double(1))), "variable 0x50 was not subscribed" },
        { "vehicle lacking a variable", Message(Status(0x02), Int(2), Simulation(), Command(0xE4, Str("v"), [1], [0x40, 0x00, 0x0B], Double(1))), "lacks a subscribed variable" },
        { "position of an unknown kind", Message(Status(0x02), Int(2), Simulation(), Command(0xE4, Str("v"), [1], [0x42, 0x00, 0x04], Str("edge"))), "expected a 2D or 3D position" },
    };

    [Theory]
    [MemberData(nameof(StepAnswers))]
    public async Task A_malformed_step_answer_is_a_typed_error(string name, byte[] answer, string reason)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var peer = Start(answer);
        await using var client = await TraciClient.ConnectAsync("127.0.0.1", peer.Port, Patience, cancellationToken: timeout.Token);

        var e = await Assert.ThrowsAsync<TraciException>(() => client.SimulationStepAsync(1, timeout.Token));

        Assert.True(e.Message.Contains(reason, StringComparison.Ordinal), $"{name}: {e.Message}");
    }

    [Fact]
    public async Task A_well_formed_step_is_read()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var peer = Start(Message(Status(0x02), Int(2), Simulation(), Vehicle("v")));
        await using var client = await TraciClient.ConnectAsync("127.0.0.1", peer.Port, Patience, cancellationToken: timeout.Token);

        var step = await client.SimulationStepAsync(1, timeout.Token);

        Assert.Equal(1.0, step.Time);
        Assert.Equal(["a"], step.Departed);
        Assert.Empty(step.Arrived);
        Assert.Equal(new TraciVehicle("v", 1, 2, 10, 90, 0), Assert.Single(step.Vehicles));
    }

    [Fact]
    public async Task A_silent_peer_is_a_timeout_not_a_hang()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var peer = Start([null]);
        await using var client = await TraciClient.ConnectAsync("127.0.0.1", peer.Port, TimeSpan.FromMilliseconds(300), cancellationToken: timeout.Token);

        var e = await Assert.ThrowsAsync<TraciException>(() => client.GetVersionAsync(timeout.Token));

        Assert.Contains("did not answer within 0.3 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_peer_closing_in_the_middle_of_an_answer_is_a_typed_error()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var peer = Start([.. Int(100), 1, 2, 3]);
        await using var client = await TraciClient.ConnectAsync("127.0.0.1", peer.Port, Patience, cancellationToken: timeout.Token);

        var e = await Assert.ThrowsAsync<TraciException>(() => client.GetVersionAsync(timeout.Token));

        Assert.True(e.Message.Contains("closed the connection", StringComparison.Ordinal) || e.Message.Contains("connection failed", StringComparison.Ordinal), e.Message);
    }
}
