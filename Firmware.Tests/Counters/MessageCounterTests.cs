using Firmware.SecurePartition.Counters;
using Hardware.Storage;

namespace Firmware.Tests.Counters;

/// <summary>The message counter: block reservation, restart, corruption, and 32-bit serial-number order.</summary>
public sealed class MessageCounterTests : IDisposable
{
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("fw-ctr");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Values_increase_and_a_restart_resumes_past_the_reserved_block()
    {
        var store = new FileDurableStore(_dir);
        var counter = new MessageCounter(store, blockSize: 10);
        Assert.Equal([0UL, 1, 2], new[] { counter.Next(), counter.Next(), counter.Next() });
        Assert.Equal(Convert.FromHexString("000000000000000A"), store.Read(MessageCounter.Key));

        // A crash after value 2: the next start resumes at the reserved mark, never below it.
        var restarted = new MessageCounter(store, blockSize: 10);
        Assert.Equal(10UL, restarted.Next());
        Assert.Equal(Convert.FromHexString("0000000000000014"), store.Read(MessageCounter.Key));
        for (var i = 11UL; i < 35; i++)
        {
            Assert.Equal(i, restarted.Next());
        }

        Assert.Equal(Convert.FromHexString("0000000000000028"), store.Read(MessageCounter.Key));
    }

    [Fact]
    public void Corrupt_mark_is_refused_rather_than_guessed()
    {
        var store = new FileDurableStore(_dir);
        store.Write(MessageCounter.Key, [1, 2, 3]);
        Assert.Throws<StorageException>(() => new MessageCounter(store));
    }

    [Fact]
    public void Concurrent_callers_never_get_the_same_value()
    {
        var counter = new MessageCounter(new FileDurableStore(_dir), blockSize: 7);
        var values = new System.Collections.Concurrent.ConcurrentBag<ulong>();
        Parallel.For(0, 2000, _ => values.Add(counter.Next()));
        Assert.Equal(2000, values.Distinct().Count());
        Assert.Equal(1999UL, values.Max());
    }

    public static TheoryData<string, uint, uint, bool> SerialRows => new()
    {
        // RFC 1982 §3.2 with SERIAL_BITS = 32 (and the §3.2 "undefined" pair at distance 2^31, compared as not less).
        { "1 < 2", 1, 2, true },
        { "2 not < 1", 2, 1, false },
        { "wrap: 0xFFFFFFFF < 0", 0xFFFF_FFFF, 0, true },
        { "wrap: 0xFFFFFFF0 < 5", 0xFFFF_FFF0, 5, true },
        { "not across half the space", 0, 0x8000_0001, false },
        { "just under half the space", 0, 0x7FFF_FFFF, true },
        { "distance exactly 2^31 is undefined", 0, 0x8000_0000, false },
        { "equal", 7, 7, false },
    };

    [Theory]
    [MemberData(nameof(SerialRows))]
    public void Serial_number_order_of_on_air_counters_follows_rfc_1982(string name, uint s1, uint s2, bool less) =>
        Assert.True(less == Firmware.Application.Replay.SerialNumber.IsLess(s1, s2), name);

    [Fact]
    public void On_air_value_wraps_modulo_two_to_the_32()
    {
        Assert.Equal(4u, MessageCounter.OnAir(0x1_0000_0000UL + 1, 3));
        Assert.Equal(0u, MessageCounter.OnAir(1, 0xFFFF_FFFF));
    }
}
