using Firmware.SecurePartition.Protocol;
using Hardware.Radio;
using Microsoft.Extensions.Logging;
using V2x.Pcap;
using V2x.Security;

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

    /// <summary>The sending policy (patent ¶115-119). Default option 2.</summary>
    public SendingPolicy Policy { get; init; } = SendingPolicy.AlwaysInclude;

    /// <summary>The safety-critical PSIDs that carry the report under option 3. Default: DENM.</summary>
    public IReadOnlySet<Psid> SafetyCritical { get; init; } = new HashSet<Psid> { Psid.Denm };

    /// <summary>The signals of option 1.</summary>
    public IntegritySignals Signals { get; init; } = new(null, null);

    /// <summary>The station's current ITS station ID (for the upstream alert).</summary>
    public Func<uint> Station { get; init; } = static () => 0;

    /// <summary>A pcap capture of every frame transmitted (and, through the node, received); null for none.</summary>
    public PcapWriter? Capture { get; init; }

    /// <summary>Structured log.</summary>
    public ILogger? Logger { get; init; }
}
