namespace Firmware.Tests.Upstream.Support;

/// <summary>
/// Holds the answer to one POST of objects after the hub has committed it, until released: the test
/// kills the forwarder in that window, so the hub has the objects and the forwarder never heard so.
/// </summary>
public sealed class PostGate
{
    private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _posts;

    /// <summary>A gate that holds the <paramref name="postNumber"/>-th POST of objects from now on.</summary>
    public PostGate(int postNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(postNumber, 1);
        PostNumber = postNumber;
    }

    /// <summary>Which POST is held.</summary>
    public int PostNumber { get; }

    /// <summary>Completes when the held POST was committed by the hub.</summary>
    public Task Committed => _committed.Task;

    /// <summary>Lets the held answer go (to a client that may be gone).</summary>
    public void Release() => _release.TrySetResult();

    /// <summary>Called by the hub's middleware after it committed a POST; waits when this is the held one.</summary>
    internal Task AfterCommitAsync()
    {
        if (Interlocked.Increment(ref _posts) != PostNumber)
        {
            return Task.CompletedTask;
        }

        _committed.TrySetResult();
        return _release.Task;
    }
}
