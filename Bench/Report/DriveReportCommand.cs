using System.CommandLine;
using CommandLine;

namespace Bench.Report;

/// <summary>`report --recording DIR [--out FILE.html] [--geojson FILE.geojson]`: a drive recording to its HTML report and GeoJSON. Exit 0, 1 (bad recording), 2 (usage).</summary>
public static class DriveReportCommand
{
    /// <summary>The <c>report</c> command; <paramref name="output"/> receives its summary line.</summary>
    public static Command Create(TextWriter output)
    {
        var recording = CliOptions.ExistingDirectory("--recording", "the drive recording (an OBU's recording folder)", required: true);
        var html = CliOptions.Text("--out", "the HTML report (default RECORDING/report.html)", valueName: "FILE.html");
        var geojson = CliOptions.Text("--geojson", "the GeoJSON export (default RECORDING/drive.geojson)", valueName: "FILE.geojson");
        var command = new Command("report", "Turn a drive recording into a self-contained HTML report with plots, and a GeoJSON export.") { recording, html, geojson };
        command.SetAction(async (p, ct) =>
        {
            var folder = p.GetRequiredValue(recording).FullName;
            var loaded = DriveRecording.Load(folder);
            var htmlFile = p.GetValue(html) ?? Path.Combine(folder, "report.html");
            var geojsonFile = p.GetValue(geojson) ?? Path.Combine(folder, "drive.geojson");
            await File.WriteAllTextAsync(htmlFile, DriveReportHtml.Write(loaded), ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(geojsonFile, GeoJsonExport.Write(loaded), ct).ConfigureAwait(false);
            await output.WriteLineAsync($"report {htmlFile}, GeoJSON {geojsonFile}: {loaded.Decisions.Count} decisions, {loaded.Gnss.Count} GNSS records").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
