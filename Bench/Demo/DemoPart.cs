using System.Globalization;

namespace Bench.Demo;

/// <summary>
/// One process's share of a demo scenario spread over several bench processes or hosts that share the radio medium
/// (issue 15 item 3; <c>demo --part K/N</c>, Docs/bench.md "One scenario over two hosts"). The scenario's OBUs are
/// split in contiguous blocks (part 1 runs <c>obu-1</c>…, the last part the last ones); the replay attacker runs
/// in part 1 and the legacy station in the last part, so every part hears senders of another.
/// </summary>
/// <param name="Index">This part, 1 to <paramref name="Count"/>.</param>
/// <param name="Count">How many parts the scenario is spread over (2 to <see cref="MaxParts"/>).</param>
public sealed record DemoPart(int Index, int Count)
{
    /// <summary>The most parts one scenario is spread over.</summary>
    public const int MaxParts = 4;

    /// <summary>Part 1 runs the replay attacker and announces the common start (see <see cref="PartRoster"/>).</summary>
    public bool IsCoordinator => Index == 1;

    /// <summary>Whether this part runs the replay attacker (part 1).</summary>
    public bool RunsAttacker => Index == 1;

    /// <summary>Whether this part runs the legacy station (the last part).</summary>
    public bool RunsLegacy => Index == Count;

    /// <summary>Parses "K/N".</summary>
    /// <exception cref="ArgumentException">Not K/N with 2 ≤ N ≤ <see cref="MaxParts"/> and 1 ≤ K ≤ N.</exception>
    public static DemoPart Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.Split('/');
        if (slash.Length != 2
            || !int.TryParse(slash[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count is < 2 or > MaxParts || index < 1 || index > count)
        {
            throw new ArgumentException($"--part is K/N: this process's part K of N parts, 2 ≤ N ≤ {MaxParts}, 1 ≤ K ≤ N (got '{text}').", nameof(text));
        }

        return new DemoPart(index, count);
    }

    /// <summary>The 0-based indices of the scenario's OBUs (of <paramref name="obus"/>) this part runs: a contiguous block, the first parts one larger when they do not divide evenly.</summary>
    public IReadOnlyList<int> Obus(int obus)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(obus, Count);
        var first = Enumerable.Range(1, Index - 1).Sum(BlockSize);
        return [.. Enumerable.Range(first, BlockSize(Index))];

        int BlockSize(int part) => (obus / Count) + (part <= obus % Count ? 1 : 0);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
