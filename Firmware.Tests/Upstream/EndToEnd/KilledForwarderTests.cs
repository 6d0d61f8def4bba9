using System.Diagnostics;
using System.Text;
using Firmware.Tests.Upstream.Support;
using Firmware.Upstream.Queue;
using Hardware.Random;
using Microsoft.Extensions.Time.Testing;
using Testing;

namespace Firmware.Tests.Upstream.EndToEnd;

/// <summary>
/// The forwarder runs in a child process (this assembly's entry point, <see cref="ForwarderChild"/>)
/// and is killed with SIGKILL while the hub holds its answer to an envelope it has already committed:
/// the hub has the summaries, the queue still lists them as waiting. Started again on the same queue,
/// the forwarder resends them (the hub answers "already present"), reads on from its persisted
/// cursor, and at the end the hub holds every summary once and counted every report once, on SQLite
/// and on PostgreSQL.
/// </summary>
public sealed class KilledForwarderTests : IDisposable
{
    private const int ReportCount = 12;
    private static readonly TimeSpan ChildLimit = TimeSpan.FromSeconds(90);

    private readonly string _dir = TestInfra.NewTempDirectory("upstream-kill");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, HubBackend, int> Rows => new()
    {
        { "killed before the first envelope's answer, SQLite hub", HubBackend.Sqlite, 1 },
        { "killed before the third envelope's answer, SQLite hub", HubBackend.Sqlite, 3 },
        { "killed before the second envelope's answer, PostgreSQL hub", HubBackend.Postgres, 2 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_forwarder_killed_mid_delivery_loses_nothing_and_duplicates_nothing(string name, HubBackend backend, int heldPost)
    {
        var hubTime = new FakeTimeProvider(ForwarderChild.FirstReport.AddDays(1));
        await using var hub = await UpstreamHub.StartAsync(backend, hubTime);
        var queuePath = Path.Combine(_dir, "queue.db");
        var gate = new PostGate(heldPost);
        hub.Gate = gate;

        var first = Child(hub, queuePath);
        using var firstProcess = first.Process;
        await gate.Committed.WaitAsync(ChildLimit);
        first.Process.Kill(); // SIGKILL on Unix: no finally block, no dispose, no flush runs in the child.
        await first.Process.WaitForExitAsync().WaitAsync(ChildLimit);
        hub.Gate = null;
        gate.Release();
        Assert.True(first.Process.ExitCode != 0, $"{name}: the child was killed, not finished: {first.Output}");

        // What the killed process left: the held envelope's summaries are at the hub but still waiting here.
        var atHub = (await hub.ReadAllAsync(hub.AnomaliesCollection, "observed-data")).Select(o => (string)o["id"]!).ToHashSet(StringComparer.Ordinal);
        using (var queue = UpstreamQueue.Open(queuePath, 10_000, TimeProvider.System, SystemRandomSource.Instance))
        {
            var waiting = queue.Pending(ReportCount).Select(p => p.Id).ToList();
            Assert.Contains(waiting, atHub.Contains);
            var snapshot = queue.Snapshot();
            Assert.True(snapshot.Count(QueueCounters.Delivered) < atHub.Count, $"{name}: the hub has more than the queue knows was delivered");
            Assert.Equal(snapshot.ReportCursor, (ulong)snapshot.Count(QueueCounters.ReportsRead));
        }

        var second = Child(hub, queuePath);
        using var secondProcess = second.Process;
        await second.Process.WaitForExitAsync().WaitAsync(ChildLimit);
        Assert.True(second.Process.ExitCode == 0, $"{name}: {second.Output}");

        using (var queue = UpstreamQueue.Open(queuePath, 10_000, TimeProvider.System, SystemRandomSource.Instance))
        {
            var snapshot = queue.Snapshot();
            Assert.Equal((0, (ulong)ReportCount), (snapshot.Pending, snapshot.ReportCursor));
            Assert.Equal(ReportCount, snapshot.Count(QueueCounters.ReportsRead));
            Assert.Equal(ReportCount, snapshot.Count(QueueCounters.Enqueued));
            Assert.Equal(ReportCount, snapshot.Count(QueueCounters.Delivered));
        }

        await HubOutageTests.AssertHubHoldsEachOnceAsync(hub, ReportCount);
    }

    private static (Process Process, StringBuilder Output) Child(UpstreamHub hub, string queuePath)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(ForwarderChild).Assembly.Location, ForwarderChild.Command, queuePath, hub.ApiRoot.ToString(), hub.AnomaliesCollection, ReportCount.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
