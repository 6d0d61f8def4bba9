using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bench.Report;

/// <summary>
/// The recording as GeoJSON (RFC 7946: WGS-84 longitude, latitude order): the own track as a LineString and every
/// decision with a sender position as a Point with its sender, decision, row, stage, reason and a colour, for QGIS or
/// Google Earth (via QGIS or ogr2ogr to KML).
/// </summary>
public static class GeoJsonExport
{
    /// <summary>The FeatureCollection as JSON text.</summary>
    public static string Write(DriveRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var features = new JsonArray();
        var track = recording.Gnss.Where(g => g.Valid == true && g.Latitude is not null).ToList();
        if (track.Count >= 2)
        {
            var coordinates = new JsonArray();
            foreach (var g in track)
            {
                coordinates.Add(new JsonArray(g.Longitude!.Value, g.Latitude!.Value));
            }

            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["geometry"] = new JsonObject { ["type"] = "LineString", ["coordinates"] = coordinates },
                ["properties"] = new JsonObject { ["kind"] = "track", ["node"] = recording.Manifest.Node, ["start"] = track[0].Time.ToString("O"), ["end"] = track[^1].Time.ToString("O") },
            });
        }

        foreach (var d in recording.Decisions.Where(d => d.Latitude is not null))
        {
            var cls = DriveAnalysis.Class(d);
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(d.Longitude!.Value, d.Latitude!.Value) },
                ["properties"] = new JsonObject
                {
                    ["kind"] = "decision",
                    ["time"] = d.Time.ToString("O"),
                    ["sender"] = DriveAnalysis.Sender(d),
                    ["message"] = d.Message,
                    ["decision"] = cls,
                    ["row"] = d.Row,
                    ["stage"] = d.Stage,
                    ["reason"] = d.Reason,
                    ["marker-color"] = DriveReportPlots.Colours[cls],
                },
            });
        }

        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
