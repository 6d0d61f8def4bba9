namespace Cti.Sharing;

/// <summary>
/// Labels for <see cref="X1371ThreatType"/>: STIX 2.1 <c>labels</c> (§3.2) values of the form
/// <c>x1371:back-end-servers</c>, the scope tag of ITU-T X.1382 §7.2 that the hub routes on.
/// </summary>
public static class X1371ThreatTypes
{
    /// <summary>The prefix every threat-type label starts with.</summary>
    public const string LabelPrefix = "x1371:";

    private static readonly (X1371ThreatType Type, string Label, string Title)[] Table =
    [
        (X1371ThreatType.BackEndServers, "x1371:back-end-servers", "Threats regarding back-end servers"),
        (X1371ThreatType.CommunicationChannels, "x1371:communication-channels", "Threats to vehicles regarding their communication channels"),
        (X1371ThreatType.UpdateProcedures, "x1371:update-procedures", "Threats to vehicles regarding their update procedures"),
        (X1371ThreatType.UnintendedHumanActions, "x1371:unintended-human-actions", "Threats to vehicles regarding unintended human actions"),
        (X1371ThreatType.ExternalConnectivity, "x1371:external-connectivity", "Threats to vehicles regarding their external connectivity and connections"),
        (X1371ThreatType.AttackTargetsAndMotivations, "x1371:attack-targets-motivations", "Potential targets of, or motivations for, an attack"),
        (X1371ThreatType.PotentialVulnerabilities, "x1371:potential-vulnerabilities", "Potential vulnerabilities"),
    ];

    /// <summary>All seven types, in the order of X.1382 Table 1.</summary>
    public static IReadOnlyList<X1371ThreatType> All { get; } = Table.Select(t => t.Type).ToArray();

    /// <summary>The label of <paramref name="type"/>.</summary>
    public static string Label(X1371ThreatType type) => Table.First(t => t.Type == type).Label;

    /// <summary>The row title of <paramref name="type"/> in X.1382 Table 1.</summary>
    public static string Title(X1371ThreatType type) => Table.First(t => t.Type == type).Title;

    /// <summary>Parses a label such as <c>x1371:update-procedures</c>.</summary>
    public static bool TryParseLabel(string? label, out X1371ThreatType type)
    {
        foreach (var row in Table)
        {
            if (string.Equals(row.Label, label, StringComparison.Ordinal))
            {
                type = row.Type;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>The threat types among <paramref name="labels"/>, without duplicates.</summary>
    public static IReadOnlyList<X1371ThreatType> FromLabels(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var result = new List<X1371ThreatType>();
        foreach (var label in labels)
        {
            if (TryParseLabel(label, out var t) && !result.Contains(t))
            {
                result.Add(t);
            }
        }

        return result;
    }
}
