using System.Buffers.Binary;
using Hardware.Positioning;
using Hardware.Radio;

namespace Hardware.Tests.Radio;

/// <summary>
/// The radio range model: a receiver hears senders within the range, none beyond, and between the start of loss and
/// the range a linearly falling share, drawn from a seeded generator. The test frames carry their sender's position
/// as two big-endian doubles (the bench reads the GeoNetworking source position vector instead: V2x/Stack/SenderPosition).
/// </summary>
public class RadioRangeTests
{
    // Munich; 0.001 degree of latitude is 111.2 m.
    private const double Lat = 48.137;
    private const double Lon = 11.575;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static byte[] FrameFrom(double lat, double lon)
    {
        var f = new byte[16];
        BinaryPrimitives.WriteDoubleBigEndian(f, lat);
        BinaryPrimitives.WriteDoubleBigEndian(f.AsSpan(8), lon);
        return f;
    }

    private static (double, double)? PositionIn(ReadOnlyMemory<byte> frame) => frame.Length == 16
        ? (BinaryPrimitives.ReadDoubleBigEndian(frame.Span), BinaryPrimitives.ReadDoubleBigEndian(frame.Span[8..]))
        : null;

    private sealed class At(double lat, double lon) : IPositionSource
    {
        public PositionFix Read() => new(true, lat, lon, null, 0, 0, DateTimeOffset.UnixEpoch, 1);
    }

    public static TheoryData<string, double, double?, double> Curve => new()
    {
        { "next to the sender", 0, null, 1 },
        { "at the range", 300, null, 1 },
        { "just beyond the range", 300.01, null, 0 },
        { "far beyond", 5000, null, 0 },
        { "before loss begins", 150, 200, 1 },
        { "half-way down the loss ramp", 250, 200, 0.5 },
        { "a fifth of the way down", 220, 200, 0.8 },
        { "at the range with loss", 300, 200, 0 },
    };

    [Theory]
    [MemberData(nameof(Curve))]
    public void Delivery_probability_by_distance(string name, double distance, double? lossFrom, double expected)
    {
        var range = new RadioRange(new RadioRangeOptions { RangeMeters = 300, LossFromMeters = lossFrom });

        Assert.True(Math.Abs(range.DeliveryProbability(distance) - expected) < 1e-9, $"{name}: {range.DeliveryProbability(distance)}");
    }

    [Fact]
    public async Task On_the_medium_a_receiver_in_range_hears_and_one_out_of_range_does_not()
    {
        var medium = new SimulatedRadioMedium(TimeProvider.System);
        var range = new RadioRange(new RadioRangeOptions { RangeMeters = 300 });
        medium.SetRange(range, PositionIn);
        var sender = medium.Attach("sender", position: new At(Lat, Lon));
        var near = medium.Attach("near", position: new At(Lat + 0.001, Lon));
        var far = medium.Attach("far", position: new At(Lat + 0.004, Lon));
        var unplaced = medium.Attach("unplaced");
        using var timeout = new CancellationTokenSource(Patience);

        await sender.SendAsync(FrameFrom(Lat, Lon), timeout.Token);
        await sender.SendAsync(new byte[] { 1, 2, 3 }, timeout.Token);
        await far.SendAsync(FrameFrom(Lat + 0.004, Lon), timeout.Token);

        // near (111 m) hears the placed frame and the unplaceable one; far (445 m) hears only the unplaceable one;
        // a node attached without a position cannot be placed and hears all three; neither the sender nor near (333 m)
        // hears far: three deliveries out of range.
        Assert.Equal(16, (await near.ReceiveAsync(timeout.Token)).Bytes.Length);
        Assert.Equal(3, (await near.ReceiveAsync(timeout.Token)).Bytes.Length);
        Assert.Equal(3, (await far.ReceiveAsync(timeout.Token)).Bytes.Length);
        Assert.Equal(["sender", "sender", "far"], [(await unplaced.ReceiveAsync(timeout.Token)).Sender, (await unplaced.ReceiveAsync(timeout.Token)).Sender, (await unplaced.ReceiveAsync(timeout.Token)).Sender]);
        Assert.Equal(3, range.OutOfRange);
        Assert.False(near.ReceiveAsync(CancellationToken.None).IsCompleted);
        Assert.False(far.ReceiveAsync(CancellationToken.None).IsCompleted);
        Assert.False(sender.ReceiveAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task The_range_limited_link_drops_what_its_node_does_not_hear()
    {
        var medium = new SimulatedRadioMedium(TimeProvider.System);
        var sender = medium.Attach("sender");
        var range = new RadioRange(new RadioRangeOptions { RangeMeters = 300 });
        var receiver = new RangeLimitedRadioLink(medium.Attach("receiver"), new At(Lat, Lon), range, PositionIn);
        using var timeout = new CancellationTokenSource(Patience);

        await sender.SendAsync(FrameFrom(Lat + 0.004, Lon), timeout.Token);
        await sender.SendAsync(FrameFrom(Lat + 0.002, Lon), timeout.Token);

        var heard = await receiver.ReceiveAsync(timeout.Token);
        Assert.Equal(Lat + 0.002, PositionIn(heard.Bytes)!.Value.Item1);
        Assert.Equal(1, receiver.NotHeard);
        Assert.Equal((1, 1), (range.Delivered, range.OutOfRange));
    }

    [Fact]
    public void Loss_is_deterministic_for_a_seed_and_follows_the_curve()
    {
        static bool[] Draws(int seed)
        {
            var range = new RadioRange(new RadioRangeOptions { RangeMeters = 300, LossFromMeters = 200, Seed = seed });
            var sender = (Lat, Lon);
            var receiver = new PositionFix(true, Lat + (250 / 111_195.0), Lon, null, 0, 0, DateTimeOffset.UnixEpoch, 1);
            return [.. Enumerable.Range(0, 2000).Select(_ => range.Delivers(sender, receiver))];
        }

        var a = Draws(7);
        var b = Draws(7);
        var c = Draws(8);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);

        // 250 m is half-way down the ramp: about half delivered (2000 draws: 3 standard deviations are 3.4 %).
        Assert.InRange(a.Count(d => d) / 2000.0, 0.46, 0.54);
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new RadioRange(new RadioRangeOptions { RangeMeters = 0 }));
        Assert.Throws<ArgumentException>(() => new RadioRange(new RadioRangeOptions { RangeMeters = 300, LossFromMeters = 400 }));
        Assert.Throws<ArgumentException>(() => new RadioRange(new RadioRangeOptions { RangeMeters = double.NaN }));
    }
}
