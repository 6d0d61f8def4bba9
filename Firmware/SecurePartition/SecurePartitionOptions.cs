using Firmware.SecurePartition.BlackBox;
using Firmware.SecurePartition.Boot;
using Hardware;
using Microsoft.Extensions.Logging;

namespace Firmware.SecurePartition;

/// <summary>What a secure partition is built from.</summary>
public sealed record SecurePartitionOptions
{
    /// <summary>The board (its key store holds every private key; it must have one).</summary>
    public required BoardCapabilities Board { get; init; }

    /// <summary>The ROM's pinned OEM key.</summary>
    public required BootRom Rom { get; init; }

    /// <summary>Where the black box lives (the board's black-box partition, or a file).</summary>
    public required IBlackBoxMedium BlackBox { get; init; }

    /// <summary>Prefix of every key-store label of this station (several OBUs may share one token).</summary>
    public string KeyLabelPrefix { get; init; } = "idf-";

    /// <summary>Counter values reserved per durable write.</summary>
    public uint CounterBlockSize { get; init; } = 1024;

    /// <summary>Whether to run the periodic full-scan timer (the policy's scan period, on the board's TimeProvider).</summary>
    public bool PeriodicScans { get; init; } = true;

    /// <summary>Largest payload accepted for signing.</summary>
    public int MaxPayloadBytes { get; init; } = 8 * 1024;

    /// <summary>How a sealed deployment is re-measured at runtime (the board's <see cref="Hardware.BoardCapabilities.Deployment"/>).</summary>
    public DeploymentCheckOptions Deployment { get; init; } = new();

    /// <summary>Structured log.</summary>
    public ILogger? Logger { get; init; }
}
