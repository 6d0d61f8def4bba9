using Firmware.SecurePartition.Protocol;
using Hardware.Random;
using Microsoft.Extensions.Logging;
using PkiProtocol.Client;

namespace Firmware.Application.Misbehaviour.Reporting;

/// <summary>What a <see cref="MisbehaviourReporter"/> is built from.</summary>
public sealed record MisbehaviourReporterOptions
{
    /// <summary>The secure partition, which signs every report with the active ticket (the application holds no key).</summary>
    public required SecurePartitionClient Partition { get; init; }

    /// <summary>The persistent queue (its owner disposes it).</summary>
    public required MisbehaviourQueue Queue { get; init; }

    /// <summary>The PKI client: the misbehaviour authority's certificate and the report route.</summary>
    public required PkiClient Pki { get; init; }

    /// <summary>The clock of the delivery loop.</summary>
    public required TimeProvider Clock { get; init; }

    /// <summary>Jitter of the backoff.</summary>
    public IRandomSource Random { get; init; } = SystemRandomSource.Instance;

    /// <summary>How often waiting reports are sent when nothing nudges the loop. Default 10 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First wait after a failed delivery (doubling, with jitter, up to <see cref="MaxBackoff"/>). Default 5 s.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait after failed deliveries. Default 5 minutes.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Findings waiting to be signed at most; more are dropped (counted) so a flood cannot grow memory. Default 64.</summary>
    public int MaxPendingFindings { get; init; } = 64;

    /// <summary>Logs.</summary>
    public ILogger? Logger { get; init; }
}
