namespace Cti.Taxii;

/// <summary>
/// Exponential backoff for TAXII requests: attempt <c>n</c> (n ≥ 2) waits
/// <c>InitialDelay × Multiplier^(n-2)</c>, capped at <see cref="MaxDelay"/>; a server's
/// <c>Retry-After</c> takes precedence up to the same cap. Delays run on the client's
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Six attempts, 1 s doubling to at most 60 s.</summary>
    public static RetryPolicy Default { get; } = new(6, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), 2.0);

    /// <summary>A single attempt.</summary>
    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero, TimeSpan.Zero, 1.0);

    /// <summary>Builds a policy; nonsensical values are a caller's mistake.</summary>
    public RetryPolicy(int maxAttempts, TimeSpan initialDelay, TimeSpan maxDelay, double multiplier)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, initialDelay);
        ArgumentOutOfRangeException.ThrowIfLessThan(multiplier, 1.0);
        MaxAttempts = maxAttempts;
        InitialDelay = initialDelay;
        MaxDelay = maxDelay;
        Multiplier = multiplier;
    }

    /// <summary>Attempts in total, the first included.</summary>
    public int MaxAttempts { get; }

    /// <summary>Wait before the second attempt.</summary>
    public TimeSpan InitialDelay { get; }

    /// <summary>Longest wait between attempts.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>Growth factor of the wait.</summary>
    public double Multiplier { get; }

    /// <summary>The wait before attempt <paramref name="attempt"/> (2 for the first retry).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 2);
        var ticks = InitialDelay.Ticks * Math.Pow(Multiplier, attempt - 2);
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
