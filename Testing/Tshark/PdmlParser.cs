using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Testing.Tshark;

/// <summary>Reads tshark's PDML output (-T pdml): one &lt;packet&gt; per frame, nested &lt;proto&gt; and &lt;field&gt; elements.</summary>
internal static class PdmlParser
{
    public static IReadOnlyList<TsharkFrame> Parse(string pdml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var text = new StringReader(pdml);
        using var xml = XmlReader.Create(text, settings);
        var document = XDocument.Load(xml);
        var frames = new List<TsharkFrame>();
        foreach (var packet in document.Root?.Elements("packet") ?? [])
        {
            frames.Add(ParsePacket(packet, frames.Count + 1));
        }

        return frames;
    }

    private static TsharkFrame ParsePacket(XElement packet, int fallbackNumber)
    {
        var shows = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var experts = new List<TsharkExpertItem>();
        var malformed = false;
        foreach (var element in packet.Descendants())
        {
            var name = (string?)element.Attribute("name");
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            // The "Malformed Packet" mark is a _ws.malformed protocol directly under the packet; expert
            // items of the Malformed group also carry a hidden _ws.malformed, nested in their field.
            if (name == "_ws.malformed" && element.Parent == packet)
            {
                malformed = true;
            }

            if (name == "_ws.expert")
            {
                experts.Add(ParseExpert(element));
                continue;
            }

            if ((string?)element.Attribute("show") is { } show)
            {
                Add(shows, name, show);
            }

            if ((string?)element.Attribute("value") is { } value)
            {
                Add(values, name, value);
            }
        }

        var number = shows.TryGetValue("num", out var nums) && int.TryParse(nums[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : fallbackNumber;
        return new TsharkFrame(number, shows, values, experts, malformed);
    }

    private static TsharkExpertItem ParseExpert(XElement expert)
    {
        string Child(string name) =>
            (string?)expert.Elements("field").FirstOrDefault(f => (string?)f.Attribute("name") == name)?.Attribute("show") ?? string.Empty;

        var severity = int.TryParse(Child("_ws.expert.severity"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var group = int.TryParse(Child("_ws.expert.group"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var g) ? g : 0;
        var protocol = expert.Ancestors("proto").FirstOrDefault()?.Attribute("name")?.Value ?? string.Empty;
        return new TsharkExpertItem((TsharkSeverity)severity, group, Child("_ws.expert.message"), protocol);
    }

    private static void Add(Dictionary<string, List<string>> map, string name, string value)
    {
        if (!map.TryGetValue(name, out var list))
        {
            list = [];
            map[name] = list;
        }

        list.Add(value);
    }
}
