namespace Bench.Scenarios.Files;

/// <summary>What a scenario's vehicle carries (the file's <c>equipment</c>).</summary>
public enum Equipment
{
    /// <summary><c>idf</c>: an OBU with the integrity detection function, assured by the audit CA (the bench's <c>obu-N</c>).</summary>
    Idf,

    /// <summary><c>legacy</c>: a V2X station without it; its ticket carries no IDF permission (the bench's <c>legacy-1</c>).</summary>
    Legacy,

    /// <summary><c>attacker</c>: the replay attacker's radios (the bench's <c>attacker</c>).</summary>
    Attacker,
}
