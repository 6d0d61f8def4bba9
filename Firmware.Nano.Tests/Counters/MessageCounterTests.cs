using Firmware.Nano.Counters;
using Firmware.Nano.SecureElement;
using Firmware.Nano.Tests.Support;
using Hardware.SecureElement;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Nano.Tests.Counters;

/// <summary>The MCU's message counter: NVS blocks behind the secure element's monotonic counter; no value is ever handed out twice.</summary>
public sealed class MessageCounterTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SimulatedAtecc608 _device;
    private readonly Atecc608 _element;
    private readonly MemoryNvs _nvs = new();

    public MessageCounterTests()
    {
        _device = new SimulatedAtecc608(_time);
        _device.LockZones();
        _element = new Atecc608(new SimulatedBus(_device), new ClockDelay(_time));
    }

    [Fact]
    public void Values_continue_across_restarts_and_each_block_costs_one_element_increment()
    {
        var seen = new HashSet<ulong>();
        for (var start = 0; start < 4; start++)
        {
            var counter = new MessageCounter(_nvs, _element, 0, 8);
            Assert.False(counter.RollbackDetected);
            for (var i = 0; i < 13; i++)
            {
                Assert.True(seen.Add(counter.Next()));
            }
        }

        // 13 values a start in blocks of 8: two blocks per start.
        Assert.Equal(8u, _device.PeekCounter(0));
        Assert.Equal(52, seen.Count);
    }

    [Fact]
    public void A_power_cut_between_the_increment_and_the_NVS_write_loses_no_value_and_repeats_none()
    {
        var counter = new MessageCounter(_nvs, _element, 0, 8);
        var first = Enumerable.Range(0, 8).Select(_ => counter.Next()).ToList();
        _nvs.FailNextWrite = true;
        Assert.Throws<IOException>(() => counter.Next());

        var restarted = new MessageCounter(_nvs, _element, 0, 8);
        Assert.False(restarted.RollbackDetected);
        var next = restarted.Next();
        Assert.DoesNotContain(next, first);
        Assert.Equal(8UL, next);
    }

    [Fact]
    public void A_restored_NVS_image_is_skipped_past_and_flagged()
    {
        var counter = new MessageCounter(_nvs, _element, 0, 8);
        counter.Next();
        var old = _nvs.Snapshot();
        var handedOut = new List<ulong>();
        for (var i = 0; i < 30; i++)
        {
            handedOut.Add(counter.Next());
        }

        _nvs.Restore(old);
        var restarted = new MessageCounter(_nvs, _element, 0, 8);
        Assert.True(restarted.RollbackDetected);
        Assert.True(restarted.Peek > handedOut.Max());
    }

    public static TheoryData<string, byte[]?, uint> Refused => new()
    {
        { "record of 8 octets (the Linux layout)", new byte[8], 0 },
        { "record written with blocks of 16", CounterRecord(64, 2, 16), 2 },
        { "record ahead of the element (another element)", CounterRecord(64, 5, 8), 3 },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Records_that_cannot_promise_fresh_values_are_refused(string name, byte[]? record, uint elementCounter)
    {
        _nvs.Write(MessageCounter.Key, record!);
        _device.SetCounter(0, elementCounter);
        var e = Record.Exception(() => new MessageCounter(_nvs, _element, 0, 8));
        Assert.True(e is CounterException, $"{name}: {e}");
        Assert.True(record.AsSpan().SequenceEqual(_nvs.Read(MessageCounter.Key)), name);
    }

    [Fact]
    public void No_record_on_a_used_element_starts_past_every_block_it_counted()
    {
        _device.SetCounter(0, 5);
        var counter = new MessageCounter(_nvs, _element, 0, 8);
        Assert.True(counter.RollbackDetected);
        Assert.Equal(40UL, counter.Peek);
    }

    [Fact]
    public void The_value_on_the_air_wraps_with_the_pseudonym_offset() =>
        Assert.Equal(4u, MessageCounter.OnAir(0x1_0000_0005, 0xFFFF_FFFF));

    public void Dispose() => _device.Dispose();

    private static byte[] CounterRecord(ulong mark, uint element, uint blockSize)
    {
        var b = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b, mark);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8), element);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(12), blockSize);
        return b;
    }
}
