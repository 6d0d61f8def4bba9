using System.Globalization;
using System.Xml;

namespace Bench.Scenarios.Files;

/// <summary>
/// The vehicle ids a SUMO scenario defines, read from its configuration's route files (SUMO's XML: <c>vehicle</c> and
/// <c>trip</c> ids; a <c>flow</c> named F makes vehicles F.0, F.1, … as SUMO numbers them, as many as its <c>number</c>
/// or its rate over [begin, end) give, any number when its size is open). Vehicles added by other files or by TraCI
/// are not known here. The XML is read without DTD processing or external resolution.
/// </summary>
public sealed class SumoVehicleIds
{
    private readonly HashSet<string> _vehicles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long?> _flows = new(StringComparer.Ordinal);

    private SumoVehicleIds(IReadOnlyList<string> routeFiles) => RouteFiles = routeFiles;

    /// <summary>The route files read.</summary>
    public IReadOnlyList<string> RouteFiles { get; }

    /// <summary>True when the scenario defines a vehicle with this id.</summary>
    public bool Contains(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_vehicles.Contains(id))
        {
            return true;
        }

        var dot = id.LastIndexOf('.');
        return dot > 0 && _flows.TryGetValue(id[..dot], out var count)
            && long.TryParse(id.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && (count is null || n < count);
    }

    /// <summary>A few of the ids, for a message.</summary>
    public string Examples() => string.Join(", ", _vehicles.Take(3).Concat(_flows.Take(3).Select(f => $"{f.Key}.0")).Take(4));

    /// <summary>Reads the ids of the SUMO configuration <paramref name="configuration"/>.</summary>
    /// <exception cref="InvalidDataException">The configuration or a route file is missing, unreadable or not SUMO's XML (the message says which).</exception>
    public static SumoVehicleIds Read(string configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var folder = Path.GetDirectoryName(Path.GetFullPath(configuration)) ?? ".";
        var routeFiles = new List<string>();
        foreach (var element in Elements(configuration))
        {
            if (element.Name == "route-files" && element.Attributes.TryGetValue("value", out var value))
            {
                routeFiles.AddRange(value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries).Select(f => Path.GetFullPath(f, folder)));
            }
        }

        if (routeFiles.Count == 0)
        {
            throw new InvalidDataException($"{configuration} names no route files (<route-files value=\"…\"/>)");
        }

        var ids = new SumoVehicleIds(routeFiles);
        foreach (var file in routeFiles)
        {
            foreach (var element in Elements(file))
            {
                if (!element.Attributes.TryGetValue("id", out var id))
                {
                    continue;
                }

                if (element.Name is "vehicle" or "trip")
                {
                    ids._vehicles.Add(id);
                }
                else if (element.Name == "flow")
                {
                    ids._flows[id] = FlowSize(element.Attributes);
                }
            }
        }

        return ids;
    }

    // SUMO's flow: "number", or a rate over [begin, end): vehsPerHour, period (s between vehicles); probability: open.
    private static long? FlowSize(Dictionary<string, string> a)
    {
        static double? Get(Dictionary<string, string> a, string name) =>
            a.TryGetValue(name, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

        if (Get(a, "number") is { } number)
        {
            return (long)number;
        }

        var span = (Get(a, "end") ?? double.NaN) - (Get(a, "begin") ?? 0);
        if (double.IsFinite(span) && Get(a, "vehsPerHour") is { } perHour && perHour > 0)
        {
            return (long)Math.Ceiling(span * perHour / 3600);
        }

        if (double.IsFinite(span) && Get(a, "period") is { } period && period > 0)
        {
            return (long)Math.Ceiling(span / period);
        }

        return null;
    }

    private static List<(string Name, Dictionary<string, string> Attributes)> Elements(string file)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 200_000_000, IgnoreComments = true };
        var list = new List<(string, Dictionary<string, string>)>();
        try
        {
            using var reader = XmlReader.Create(file, settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                while (reader.MoveToNextAttribute())
                {
                    attributes[reader.Name] = reader.Value;
                }

                reader.MoveToElement();
                list.Add((reader.Name, attributes));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
        {
            throw new InvalidDataException($"{file}: {e.Message}", e);
        }

        return list;
    }
}
