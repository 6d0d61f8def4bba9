using PostureServer.Cvss;

namespace PostureServer.Catalogue;

/// <summary>
/// A known weakness of a catalogue component (patent ¶212-214): its identifier, the CVSS v3.1 vector and the scores computed
/// from it by the specification's formulas (<see cref="Cvss31"/>), the affected versions, the first fixed version (a patch
/// exists when there is one), and where it came from.
/// </summary>
/// <param name="Id">CVE id or the OEM's id.</param>
/// <param name="Component">The inventory name of the component.</param>
/// <param name="Vector">The CVSS v3.x vector.</param>
/// <param name="Affected">The affected versions.</param>
/// <param name="FixedIn">The first version with the fix, or null (no patch).</param>
/// <param name="Title">A short title.</param>
/// <param name="Source">Where it came from (file and format).</param>
public sealed record Weakness(string Id, string Component, CvssVector Vector, IReadOnlyList<AffectedRange> Affected, string? FixedIn, string Title, string Source)
{
    /// <summary>The CVSS v3.1 base score (§7.1).</summary>
    public double BaseScore => Cvss31.BaseScore(Vector);

    /// <summary>The CVSS v3.1 temporal score (§7.2; the base score without temporal metrics).</summary>
    public double TemporalScore => Cvss31.TemporalScore(Vector);

    /// <summary>Whether it affects <paramref name="version"/>.</summary>
    public bool Affects(string version) => Affected.Any(r => r.Contains(version));
}
