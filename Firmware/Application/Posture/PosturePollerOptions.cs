using Firmware.SecurePartition.Protocol;
using Microsoft.Extensions.Logging;
using PkiProtocol.Posture;
using V2x.Security.Signing;

namespace Firmware.Application.Posture;

/// <summary>What a <see cref="PosturePoller"/> is built from.</summary>
public sealed record PosturePollerOptions
{
    /// <summary>The secure partition (makes the requests, verifies the responses).</summary>
    public required SecurePartitionClient Partition { get; init; }

    /// <summary>The posture server's client.</summary>
    public required PostureClient Server { get; init; }

    /// <summary>The signer of the request envelope: the station's enrolment credential, or null before enrolment.</summary>
    public required Func<SpduSigner?> Enrolment { get; init; }

    /// <summary>The clock of the schedule.</summary>
    public required TimeProvider Clock { get; init; }

    /// <summary>How often the posture is polled. Default 6 hours.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromHours(6);

    /// <summary>How often the partition is asked whether an installed component is not covered. Default one minute.</summary>
    public TimeSpan CheckPeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Logs.</summary>
    public ILogger? Logger { get; init; }
}
