namespace Bench.Report;

/// <summary>`report --recording DIR [--out FILE.html] [--geojson FILE.geojson]`: a drive recording to its HTML report and GeoJSON. Exit 0, 1 (bad recording), 2 (usage).</summary>
public static class DriveReportCommand
{
    /// <summary>Runs the command (args[0] is "report").</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? folder = null, html = null, geojson = null;
        for (var i = 1; i < args.Count; i++)
        {
            if (i + 1 >= args.Count)
            {
                await error.WriteLineAsync($"report: {args[i]} needs a value").ConfigureAwait(false);
                return 2;
            }

            switch (args[i])
            {
                case "--recording": folder = args[++i]; break;
                case "--out": html = args[++i]; break;
                case "--geojson": geojson = args[++i]; break;
                default:
                    await error.WriteLineAsync($"report: unknown option {args[i]}").ConfigureAwait(false);
                    return 2;
            }
        }

        if (folder is null)
        {
            await error.WriteLineAsync("usage: Bench report --recording DIR [--out FILE.html] [--geojson FILE.geojson]").ConfigureAwait(false);
            return 2;
        }

        try
        {
            var recording = DriveRecording.Load(folder);
            html ??= Path.Combine(folder, "report.html");
            geojson ??= Path.Combine(folder, "drive.geojson");
            await File.WriteAllTextAsync(html, DriveReportHtml.Write(recording)).ConfigureAwait(false);
            await File.WriteAllTextAsync(geojson, GeoJsonExport.Write(recording)).ConfigureAwait(false);
            await output.WriteLineAsync($"report {html}, GeoJSON {geojson}: {recording.Decisions.Count} decisions, {recording.Gnss.Count} GNSS records").ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"report: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
