using Firmware.Application.Misbehaviour.Reporting;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Tests.Application.Misbehaviour;

/// <summary>The persistent queue of misbehaviour reports: nothing lost across a restart, bounded, settled once, a bad file a typed error.</summary>
public sealed class MisbehaviourQueueTests
{
    [Fact]
    public void Waiting_reports_survive_a_restart_and_are_settled_once()
    {
        var folder = Testing.TestInfra.NewTempDirectory("mbr-queue");
        var path = Path.Combine(folder, "mbr.db");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        try
        {
            using (var queue = MisbehaviourQueue.Open(path, 8, clock))
            {
                queue.Enqueue("observation", "a", [1]);
                queue.Enqueue("observation", "b", [2]);
                queue.Enqueue("own anomaly", "self", [3]);
            }

            using (var queue = MisbehaviourQueue.Open(path, 8, clock))
            {
                var waiting = queue.Waiting(10);
                Assert.Equal(["a", "b", "self"], waiting.Select(w => w.Subject));
                Assert.Equal([3], waiting[2].Signed);
                queue.Delivered(waiting[0].Seq, "counted");
                queue.Refused(waiting[1].Seq, "Malformed");
                queue.Delivered(waiting[0].Seq, "again");
                queue.Attempted(waiting[2].Seq);
                Assert.Equal(new MisbehaviourQueueCounts(3, 1, 1, 0, 1), queue.Counts());
            }

            using (var queue = MisbehaviourQueue.Open(path, 8, clock))
            {
                Assert.Equal(["self"], queue.Waiting(10).Select(w => w.Subject));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_full_queue_drops_the_oldest_waiting_report_and_counts_it()
    {
        using var queue = MisbehaviourQueue.Open(":memory:", 2, new FakeTimeProvider());
        queue.Enqueue("observation", "a", [1]);
        queue.Enqueue("observation", "b", [2]);
        queue.Enqueue("observation", "c", [3]);
        Assert.Equal(["b", "c"], queue.Waiting(10).Select(w => w.Subject));
        Assert.Equal(new MisbehaviourQueueCounts(3, 0, 0, 1, 2), queue.Counts());
    }

    [Fact]
    public void A_file_that_is_not_a_queue_is_a_typed_error()
    {
        var folder = Testing.TestInfra.NewTempDirectory("mbr-queue");
        try
        {
            var path = Path.Combine(folder, "not.db");
            File.WriteAllText(path, "this is not a SQLite database, just text long enough to have a header of sorts............");
            Assert.Throws<MisbehaviourQueueException>(() => MisbehaviourQueue.Open(path, 8, new FakeTimeProvider()));
            Assert.Equal("this is not a SQLite database, just text long enough to have a header of sorts............", File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
