namespace PostureServer.Cvss;

/// <summary>
/// The CVSS v3.1 base and temporal scores by the specification's formulas (FIRST, "Common Vulnerability Scoring
/// System v3.1: Specification Document", §7.1 base, §7.2 temporal, §7.4 metric values, Appendix A Roundup). The
/// environmental metrics of a vector are not scored.
/// </summary>
public static class Cvss31
{
    /// <summary>The base score (0.0 to 10.0) of a vector (§7.1).</summary>
    public static double BaseScore(CvssVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var changed = vector["S"] == 'C';

        // §7.1: ISS = 1 - [(1 - Confidentiality) × (1 - Integrity) × (1 - Availability)]
        var iss = 1 - ((1 - Cia(vector["C"])) * (1 - Cia(vector["I"])) * (1 - Cia(vector["A"])));

        // Impact: 6.42 × ISS if scope is unchanged; 7.52 × (ISS - 0.029) - 3.25 × (ISS - 0.02)^15 if changed.
        var impact = changed ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;

        // Exploitability = 8.22 × AttackVector × AttackComplexity × PrivilegesRequired × UserInteraction.
        var exploitability = 8.22 * AttackVector(vector["AV"]) * AttackComplexity(vector["AC"]) * PrivilegesRequired(vector["PR"], changed)
            * UserInteraction(vector["UI"]);
        if (impact <= 0)
        {
            return 0;
        }

        return changed ? Roundup(Math.Min(1.08 * (impact + exploitability), 10)) : Roundup(Math.Min(impact + exploitability, 10));
    }

    /// <summary>
    /// The temporal score (§7.2): Roundup(BaseScore × ExploitCodeMaturity × RemediationLevel × ReportConfidence); equal
    /// to the base score when the vector has no temporal metrics (their "not defined" value is 1).
    /// </summary>
    public static double TemporalScore(CvssVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return Roundup(BaseScore(vector) * ExploitCodeMaturity(vector["E"]) * RemediationLevel(vector["RL"]) * ReportConfidence(vector["RC"]));
    }

    /// <summary>
    /// Appendix A: the smallest number, specified to one decimal place, that is equal to or higher than its input,
    /// computed on integers so that floating-point error (e.g. 4.000000000000001) does not round up a whole tenth.
    /// </summary>
    public static double Roundup(double value)
    {
        var scaled = (long)Math.Round(value * 100_000);
        return scaled % 10_000 == 0 ? scaled / 100_000.0 : (Math.Floor(scaled / 10_000.0) + 1) / 10.0;
    }

    // §7.4 Table 16: metric values.
    private static double AttackVector(char v) => v switch
    {
        'N' => 0.85,
        'A' => 0.62,
        'L' => 0.55,
        _ => 0.2,
    };

    private static double AttackComplexity(char v) => v == 'L' ? 0.77 : 0.44;

    // Privileges Required weighs more when the scope changes (§7.4: Low 0.62 / 0.68, High 0.27 / 0.5).
    private static double PrivilegesRequired(char v, bool scopeChanged) => v switch
    {
        'N' => 0.85,
        'L' => scopeChanged ? 0.68 : 0.62,
        _ => scopeChanged ? 0.5 : 0.27,
    };

    private static double UserInteraction(char v) => v == 'N' ? 0.85 : 0.62;

    private static double Cia(char v) => v switch
    {
        'H' => 0.56,
        'L' => 0.22,
        _ => 0,
    };

    private static double ExploitCodeMaturity(char v) => v switch
    {
        'F' => 0.97,
        'P' => 0.94,
        'U' => 0.91,
        _ => 1,
    };

    private static double RemediationLevel(char v) => v switch
    {
        'W' => 0.97,
        'T' => 0.96,
        'O' => 0.95,
        _ => 1,
    };

    private static double ReportConfidence(char v) => v switch
    {
        'R' => 0.96,
        'U' => 0.92,
        _ => 1,
    };
}
