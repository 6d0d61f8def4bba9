namespace Cti.Patterning;

/// <summary>
/// A parsed STIX 2.1 indicator pattern (§9): the syntax tree of a <c>pattern_type: "stix"</c>
/// indicator, for validation and for turning indicators into detector rules.
/// </summary>
public sealed class StixPattern
{
    /// <summary>Longest pattern accepted, a guard against hostile input (characters).</summary>
    public const int MaxLengthChars = 64 * 1024;

    private StixPattern(string text, ObservationExpression root)
    {
        Text = text;
        Root = root;
    }

    /// <summary>The pattern as received.</summary>
    public string Text { get; }

    /// <summary>The root observation expression.</summary>
    public ObservationExpression Root { get; }

    /// <summary>Parses a pattern from outside; throws <see cref="StixPatternException"/> when it is not valid.</summary>
    public static StixPattern Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLengthChars)
        {
            throw new StixPatternException(MaxLengthChars, $"pattern longer than {MaxLengthChars} characters");
        }

        var tokens = new PatternLexer(text).Tokenize();
        return new StixPattern(text, new PatternParser(tokens).ParsePattern());
    }

    /// <summary>Parses a pattern, returning the error instead of throwing it.</summary>
    public static bool TryParse(string text, out StixPattern? pattern, out StixPatternException? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            pattern = Parse(text);
            error = null;
            return true;
        }
        catch (StixPatternException e)
        {
            pattern = null;
            error = e;
            return false;
        }
        catch (InsufficientExecutionStackException)
        {
            pattern = null;
            error = new StixPatternException(0, "pattern nested too deeply");
            return false;
        }
    }

    /// <summary>Every property comparison in the pattern, left to right.</summary>
    public IReadOnlyList<PropertyComparison> Comparisons()
    {
        var result = new List<PropertyComparison>();
        Collect(Root, result);
        return result;
    }

    /// <summary>The pattern in the canonical spelling of <see cref="PatternWriter"/>.</summary>
    public override string ToString() => PatternWriter.Write(Root);

    private static void Collect(ObservationExpression node, List<PropertyComparison> into)
    {
        switch (node)
        {
            case SimpleObservation s:
                Collect(s.Comparison, into);
                break;
            case GroupedObservation g:
                Collect(g.Inner, into);
                break;
            case CompositeObservation c:
                Collect(c.Left, into);
                Collect(c.Right, into);
                break;
            case QualifiedObservation q:
                Collect(q.Inner, into);
                break;
        }
    }

    private static void Collect(ComparisonExpression node, List<PropertyComparison> into)
    {
        switch (node)
        {
            case PropertyComparison p:
                into.Add(p);
                break;
            case GroupedComparison g:
                Collect(g.Inner, into);
                break;
            case CompositeComparison c:
                Collect(c.Left, into);
                Collect(c.Right, into);
                break;
        }
    }
}
