using Firmware.SecurePartition.Protocol;
using Hardware.Radio;
using Microsoft.Extensions.Logging;
using V2x.Pcap;

namespace Firmware.Application.Sending;

/// <summary>What a <see cref="MessageSender"/> is built from.</summary>
public sealed record SenderOptions
{
    /// <summary>The secure partition (it holds the keys and writes the report).</summary>
    public required SecurePartitionClient Partition { get; init; }

    /// <summary>The radio.</summary>
    public required IRadioLink Radio { get; init; }

    /// <summary>The clock.</summary>
    public required TimeProvider Clock { get; init; }

    /// <summary>The station's own tickets: the sender notes each message's ticket before it goes on the air, so a reflection of it is not taken for a neighbour's. Null: not noted.</summary>
    public Receiving.OwnMessages? Own { get; init; }

    /// <summary>The signals of option 1.</summary>
    public IntegritySignals Signals { get; init; } = new(null, null);

    /// <summary>The station's current ITS station ID (for the upstream alert).</summary>
    public Func<uint> Station { get; init; } = static () => 0;

    /// <summary>A pcap capture of every frame transmitted (and, through the node, received); null for none.</summary>
    public PcapWriter? Capture { get; init; }

    /// <summary>Structured log.</summary>
    public ILogger? Logger { get; init; }
}
