using System.Text.Json;
using System.Text.Json.Serialization;

namespace Firmware.Application.Recording;

/// <summary>The files of a drive recording (one folder per node and drive) and their JSON settings.</summary>
public static class RecordingFiles
{
    /// <summary>Version of the folder's layout.</summary>
    public const int FormatVersion = 1;

    /// <summary>recording.json: node, start time, format version.</summary>
    public const string Manifest = "recording.json";

    /// <summary>frames.pcap: every frame sent and received (Ethernet II, Wireshark decodes it).</summary>
    public const string Frames = "frames.pcap";

    /// <summary>decisions.jsonl: one <see cref="DecisionRecord"/> per received frame.</summary>
    public const string Decisions = "decisions.jsonl";

    /// <summary>sent.jsonl: one <see cref="SentRecord"/> per message handed to the sender.</summary>
    public const string Sent = "sent.jsonl";

    /// <summary>gnss.jsonl: <see cref="GnssRecord"/>s, the track and status changes.</summary>
    public const string Gnss = "gnss.jsonl";

    /// <summary>can.jsonl: <see cref="CanRecord"/>s, the vehicle signals.</summary>
    public const string Can = "can.jsonl";

    /// <summary>camelCase, nulls left out, one object per line.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>recording.json.</summary>
public sealed record RecordingManifest(string Node, DateTimeOffset Started, int Format);

/// <summary>One decision (a line of decisions.jsonl).</summary>
public sealed record DecisionRecord(DateTimeOffset Time, DateTimeOffset ReceivedAt, string Source, uint? StationId, ulong? Psid, string? Message,
    string Outcome, string Stage, string Reason, string Detail, string? Decision, int? Row, string? Level, byte? Assurance, uint? Counter,
    double? Latitude, double? Longitude, DateTimeOffset? GenerationTime = null);

/// <summary>One message sent (a line of sent.jsonl).</summary>
public sealed record SentRecord(DateTimeOffset Time, ulong Psid, string Status, string Level, uint Counter, string Detail);

/// <summary>One fix or status change (a line of gnss.jsonl).</summary>
public sealed record GnssRecord(DateTimeOffset Time, string? Status, bool? Valid, double? Latitude, double? Longitude, double? Speed, double? Heading);

/// <summary>One vehicle signal (a line of can.jsonl).</summary>
public sealed record CanRecord(DateTimeOffset Time, string Signal, double Value, string Unit);
