using System.Text.Json;
using Firmware.Application.Recording;

namespace Bench.Report;

/// <summary>A drive recording read back from its folder (<see cref="RecordingFiles"/>); a bad line is an <see cref="InvalidDataException"/> naming file and line.</summary>
public sealed record DriveRecording(RecordingManifest Manifest, IReadOnlyList<DecisionRecord> Decisions, IReadOnlyList<SentRecord> Sent,
    IReadOnlyList<GnssRecord> Gnss, IReadOnlyList<CanRecord> Can, long FrameBytes)
{
    /// <summary>Reads a recording folder.</summary>
    /// <exception cref="InvalidDataException">A file is missing or a line is not a record.</exception>
    public static DriveRecording Load(string folder)
    {
        var manifestPath = Path.Combine(folder, RecordingFiles.Manifest);
        if (!File.Exists(manifestPath))
        {
            throw new InvalidDataException($"{folder} is not a drive recording (no {RecordingFiles.Manifest}).");
        }

        RecordingManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<RecordingManifest>(File.ReadAllText(manifestPath), RecordingFiles.Json)
                ?? throw new InvalidDataException($"{manifestPath} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{manifestPath}: {e.Message}", e);
        }

        var frames = new FileInfo(Path.Combine(folder, RecordingFiles.Frames));
        return new DriveRecording(manifest, Lines<DecisionRecord>(folder, RecordingFiles.Decisions), Lines<SentRecord>(folder, RecordingFiles.Sent),
            Lines<GnssRecord>(folder, RecordingFiles.Gnss), Lines<CanRecord>(folder, RecordingFiles.Can), frames.Exists ? frames.Length : 0);
    }

    private static List<T> Lines<T>(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            return [];
        }

        var list = new List<T>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                list.Add(JsonSerializer.Deserialize<T>(line, RecordingFiles.Json) ?? throw new InvalidDataException($"{name} line {number} is null."));
            }
            catch (JsonException e)
            {
                // A recording cut short by a power loss ends in a partial line: the last line may be torn, no other.
                if (number == File.ReadLines(path).Count())
                {
                    break;
                }

                throw new InvalidDataException($"{name} line {number}: {e.Message}", e);
            }
        }

        return list;
    }
}
