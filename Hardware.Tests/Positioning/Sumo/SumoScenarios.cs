using System.Globalization;
using System.Xml.Linq;
using Hardware.Positioning.Sumo;
using Testing;

namespace Hardware.Tests.Positioning.Sumo;

/// <summary>The bench's SUMO scenarios (Bench/Scenarios/Sumo, made by scripts/sumo-scenarios.sh) and a sumo process on one of them.</summary>
internal static class SumoScenarios
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static string Folder(string name) => Path.Combine(TestInfra.RepoRoot, "Bench", "Scenarios", "Sumo", name);

    public static string Config(string name) => Path.Combine(Folder(name), name + ".sumocfg");

    /// <summary>Starts sumo on a scenario (fails with SumoException's reason when SUMO is not installed).</summary>
    public static Task<SumoProcess> StartAsync(string name, params string[] extra) => SumoProcess.StartAsync(Config(name), Timeout, extra);

    /// <summary>The plain node file's positions: x is longitude, y latitude (netconvert's proj.plain-geo).</summary>
    public static Dictionary<string, (double Longitude, double Latitude)> PlainNodes(string name) =>
        XDocument.Load(Path.Combine(Folder(name), name + ".nod.xml")).Root!.Elements("node")
            .ToDictionary(n => (string)n.Attribute("id")!, n => (Number(n, "x"), Number(n, "y")));

    /// <summary>The built network's junction positions (network x/y, metres).</summary>
    public static Dictionary<string, (double X, double Y)> Junctions(string name) =>
        XDocument.Load(Path.Combine(Folder(name), name + ".net.xml")).Root!.Elements("junction")
            .Where(j => (string?)j.Attribute("type") != "internal")
            .ToDictionary(j => (string)j.Attribute("id")!, j => (Number(j, "x"), Number(j, "y")));

    private static double Number(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
