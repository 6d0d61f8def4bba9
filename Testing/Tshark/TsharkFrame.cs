using System.Globalization;

namespace Testing.Tshark;

/// <summary>
/// One frame as tshark dissected it: every field's displayed value by field name (for example
/// <c>its.stationID</c>, <c>geonw.src_pos.lat</c>, <c>btpb.dstport</c>), in the order tshark lists
/// them, plus the expert items and whether the frame is marked malformed.
/// </summary>
public sealed class TsharkFrame
{
    private readonly Dictionary<string, List<string>> shows;
    private readonly Dictionary<string, List<string>> values;

    internal TsharkFrame(
        int number,
        Dictionary<string, List<string>> shows,
        Dictionary<string, List<string>> values,
        IReadOnlyList<TsharkExpertItem> expertItems,
        bool isMalformed)
    {
        Number = number;
        this.shows = shows;
        this.values = values;
        ExpertItems = expertItems;
        IsMalformed = isMalformed;
    }

    /// <summary>Frame number, from 1.</summary>
    public int Number { get; }

    /// <summary>The protocol stack tshark recognised (frame.protocols), for example eth, ethertype, gnw, btpb, its.</summary>
    public IReadOnlyList<string> Protocols => Values("frame.protocols").SingleOrDefault()?.Split(':') ?? [];

    /// <summary>Every expert item of the frame.</summary>
    public IReadOnlyList<TsharkExpertItem> ExpertItems { get; }

    /// <summary>True when tshark marked the frame "Malformed Packet" (a dissector ran out of data or threw).</summary>
    public bool IsMalformed { get; }

    /// <summary>
    /// What a wire-format check must not see: expert items of severity warning or error, and the
    /// malformed mark (reported as an error item).
    /// </summary>
    public IReadOnlyList<TsharkExpertItem> Problems
    {
        get
        {
            var problems = ExpertItems.Where(e => e.Severity >= TsharkSeverity.Warning).ToList();
            if (IsMalformed && !problems.Any(p => p.Protocol == "_ws.malformed"))
            {
                problems.Add(new TsharkExpertItem(TsharkSeverity.Error, 0, "Malformed Packet", "_ws.malformed"));
            }

            return problems;
        }
    }

    /// <summary>The displayed values ("show") of every occurrence of <paramref name="field"/>; empty if absent.</summary>
    public IReadOnlyList<string> Values(string field) => shows.TryGetValue(field, out var list) ? list : [];

    /// <summary>The raw octets ("value", hex) of every occurrence of <paramref name="field"/>.</summary>
    public IReadOnlyList<string> RawValues(string field) => values.TryGetValue(field, out var list) ? list : [];

    /// <summary>True when the frame has <paramref name="field"/>.</summary>
    public bool Has(string field) => shows.ContainsKey(field);

    /// <summary>The single displayed value of <paramref name="field"/>; throws when it is absent or repeated.</summary>
    public string Value(string field)
    {
        var list = Values(field);
        return list.Count switch
        {
            1 => list[0],
            0 => throw new KeyNotFoundException($"frame {Number} has no field {field}"),
            _ => throw new InvalidOperationException($"frame {Number} has {list.Count} occurrences of {field}: {string.Join(", ", list)}"),
        };
    }

    /// <summary>
    /// The single value of <paramref name="field"/> as an integer: tshark shows integers in decimal,
    /// or in hexadecimal with a 0x prefix for fields whose display base is hex.
    /// </summary>
    public long Integer(string field) => ParseInteger(Value(field));

    /// <summary>Every value of <paramref name="field"/> as integers.</summary>
    public IReadOnlyList<long> Integers(string field) => Values(field).Select(ParseInteger).ToList();

    private static long ParseInteger(string show) =>
        show.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.Parse(show.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : long.Parse(show, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
