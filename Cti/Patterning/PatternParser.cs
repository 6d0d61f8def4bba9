using Cti.Validation;

namespace Cti.Patterning;

/// <summary>
/// Recursive-descent parser for the STIX 2.1 patterning grammar (§9; precedence and
/// associativity as in the OASIS ANTLR grammar STIXPattern.g4): observation operators
/// FOLLOWEDBY &lt; OR &lt; AND, all left-associative; inside brackets OR &lt; AND.
/// </summary>
internal sealed class PatternParser
{
    /// <summary>Deepest nesting of parentheses and brackets accepted (a guard against hostile input).</summary>
    public const int MaxDepth = 64;

    private readonly List<Token> _tokens;
    private int _index;
    private int _depth;

    public PatternParser(List<Token> tokens)
    {
        _tokens = tokens;
    }

    private Token Current => _tokens[_index];

    public ObservationExpression ParsePattern()
    {
        if (Current.Kind != TokenKind.LeftBracket && Current.Kind != TokenKind.LeftParen)
        {
            throw Error(Current, "a pattern starts with '[' or '(' (the comparison is missing its square brackets)");
        }

        var root = ParseFollowedBy();
        if (Current.Kind != TokenKind.End)
        {
            throw Error(Current, $"unexpected '{Current.Text}', expected the end of the pattern");
        }

        return root;
    }

    private ObservationExpression ParseFollowedBy()
    {
        var left = ParseObservationOr();
        while (Accept(TokenKind.FollowedBy))
        {
            left = new CompositeObservation(ObservationOperator.FollowedBy, left, ParseObservationOr());
        }

        return left;
    }

    private ObservationExpression ParseObservationOr()
    {
        var left = ParseObservationAnd();
        while (Accept(TokenKind.Or))
        {
            left = new CompositeObservation(ObservationOperator.Or, left, ParseObservationAnd());
        }

        return left;
    }

    private ObservationExpression ParseObservationAnd()
    {
        var left = ParseQualified();
        while (Accept(TokenKind.And))
        {
            left = new CompositeObservation(ObservationOperator.And, left, ParseQualified());
        }

        return left;
    }

    private ObservationExpression ParseQualified()
    {
        ObservationExpression expression;
        var simple = Current.Kind == TokenKind.LeftBracket;
        if (Accept(TokenKind.LeftBracket))
        {
            var comparison = ParseComparisonOr();
            Expect(TokenKind.RightBracket, "']'");
            expression = new SimpleObservation(comparison);
        }
        else if (Current.Kind == TokenKind.LeftParen)
        {
            Enter();
            _index++;
            var inner = ParseFollowedBy();
            Expect(TokenKind.RightParen, "')'");
            _depth--;
            expression = new GroupedObservation(inner);
        }
        else
        {
            throw Error(Current, $"unexpected '{Current.Text}', expected '[' or '('");
        }

        // §9.7: qualifiers; the same qualifier type twice on one bracketed observation is refused
        // (as the OASIS pattern validator does).
        var seen = new HashSet<Type>();
        while (Current.Kind is TokenKind.Within or TokenKind.Repeats or TokenKind.Start)
        {
            var token = Current;
            var qualifier = ParseQualifier();
            if (simple && !seen.Add(qualifier.GetType()))
            {
                throw Error(token, $"duplicate qualifier type {token.Text}");
            }

            expression = new QualifiedObservation(expression, qualifier);
        }

        return expression;
    }

    private PatternQualifier ParseQualifier()
    {
        if (Accept(TokenKind.Within))
        {
            var number = Current;
            if (number.Kind is not (TokenKind.IntegerLiteral or TokenKind.FloatLiteral) || number.Text.StartsWith('-'))
            {
                throw Error(number, "WITHIN takes a positive number of seconds");
            }

            _index++;
            var seconds = number.Value is long l ? l : (double)number.Value!;
            if (seconds <= 0)
            {
                throw Error(number, "WITHIN takes a positive number of seconds");
            }

            Expect(TokenKind.Seconds, "SECONDS");
            return new WithinQualifier(seconds);
        }

        if (Accept(TokenKind.Repeats))
        {
            var number = Current;
            if (number.Kind != TokenKind.IntegerLiteral || (long)number.Value! <= 0)
            {
                throw Error(number, "REPEATS takes a positive integer");
            }

            _index++;
            Expect(TokenKind.Times, "TIMES");
            return new RepeatsQualifier((long)number.Value!);
        }

        Expect(TokenKind.Start, "START");
        var start = Expect(TokenKind.TimestampLiteral, "a timestamp literal t'…'");
        Expect(TokenKind.Stop, "STOP");
        var stop = Expect(TokenKind.TimestampLiteral, "a timestamp literal t'…'");
        var from = (DateTimeOffset)start.Value!;
        var to = (DateTimeOffset)stop.Value!;
        if (to <= from)
        {
            throw Error(stop, "STOP must be later than START");
        }

        return new StartStopQualifier(from, to);
    }

    private ComparisonExpression ParseComparisonOr()
    {
        var left = ParseComparisonAnd();
        while (Accept(TokenKind.Or))
        {
            left = new CompositeComparison(false, left, ParseComparisonAnd());
        }

        return left;
    }

    private ComparisonExpression ParseComparisonAnd()
    {
        var left = ParsePropertyTest();
        while (Accept(TokenKind.And))
        {
            left = new CompositeComparison(true, left, ParsePropertyTest());
        }

        return left;
    }

    private ComparisonExpression ParsePropertyTest()
    {
        if (Current.Kind == TokenKind.LeftParen)
        {
            Enter();
            _index++;
            var inner = ParseComparisonOr();
            Expect(TokenKind.RightParen, "')'");
            _depth--;
            return new GroupedComparison(inner);
        }

        if (Accept(TokenKind.Exists))
        {
            return new ExistsComparison(ParseObjectPath());
        }

        var path = ParseObjectPath();
        var negated = Accept(TokenKind.Not);
        var opToken = Current;
        var op = opToken.Kind switch
        {
            TokenKind.Equal => ComparisonOperator.Equal,
            TokenKind.NotEqual => ComparisonOperator.NotEqual,
            TokenKind.Less => ComparisonOperator.Less,
            TokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
            TokenKind.Greater => ComparisonOperator.Greater,
            TokenKind.GreaterOrEqual => ComparisonOperator.GreaterOrEqual,
            TokenKind.In => ComparisonOperator.In,
            TokenKind.Like => ComparisonOperator.Like,
            TokenKind.Matches => ComparisonOperator.Matches,
            TokenKind.IsSubset => ComparisonOperator.IsSubset,
            TokenKind.IsSuperset => ComparisonOperator.IsSuperset,
            _ => throw Error(opToken, $"unexpected '{opToken.Text}', expected a comparison operator"),
        };
        _index++;
        var valueToken = Current;
        PatternLiteral value = op switch
        {
            ComparisonOperator.In => ParseSet(),
            ComparisonOperator.Like or ComparisonOperator.Matches or ComparisonOperator.IsSubset or ComparisonOperator.IsSuperset =>
                new StringLiteral((string)Expect(TokenKind.StringLiteral, "a string literal").Value!),
            ComparisonOperator.Equal or ComparisonOperator.NotEqual => ParseLiteral(orderableOnly: false),
            _ => ParseLiteral(orderableOnly: true),
        };
        var comparison = new PropertyComparison(path, op, negated, value);
        CheckHashValue(comparison, valueToken);
        return comparison;
    }

    private ObjectPath ParseObjectPath()
    {
        var typeToken = Expect(TokenKind.Identifier, "an object type");
        if (Current.Kind != TokenKind.Colon)
        {
            throw Error(Current, $"expected ':' after the object type '{typeToken.Text}'");
        }

        _index++;
        var steps = new List<PathStep>();
        var first = Current;
        if (first.Kind == TokenKind.StringLiteral || (first.Kind == TokenKind.Identifier && !first.Text.Contains('-', StringComparison.Ordinal)))
        {
            _index++;
            steps.Add(new KeyStep((string)first.Value!));
        }
        else
        {
            throw Error(first, "expected a property name after ':'");
        }

        while (true)
        {
            if (Accept(TokenKind.Dot))
            {
                var key = Current;
                if (key.Kind is not (TokenKind.Identifier or TokenKind.StringLiteral))
                {
                    throw Error(key, "expected a property name after '.'");
                }

                _index++;
                steps.Add(new KeyStep((string)key.Value!));
            }
            else if (Accept(TokenKind.LeftBracket))
            {
                if (Accept(TokenKind.Asterisk))
                {
                    steps.Add(new IndexStep(null));
                }
                else
                {
                    var index = Expect(TokenKind.IntegerLiteral, "a list index or '*'");
                    steps.Add(new IndexStep((long)index.Value!));
                }

                Expect(TokenKind.RightBracket, "']'");
            }
            else
            {
                return new ObjectPath(typeToken.Text, steps);
            }
        }
    }

    private SetLiteral ParseSet()
    {
        Expect(TokenKind.LeftParen, "'(' opening a set");
        var values = new List<PatternLiteral>();
        if (!Accept(TokenKind.RightParen))
        {
            do
            {
                values.Add(ParseLiteral(orderableOnly: false));
            }
            while (Accept(TokenKind.Comma));

            Expect(TokenKind.RightParen, "')' closing the set");
        }

        return new SetLiteral(values);
    }

    private PatternLiteral ParseLiteral(bool orderableOnly)
    {
        var t = Current;
        PatternLiteral literal = t.Kind switch
        {
            TokenKind.StringLiteral => new StringLiteral((string)t.Value!),
            TokenKind.IntegerLiteral => new IntegerLiteral((long)t.Value!),
            TokenKind.FloatLiteral => new FloatLiteral((double)t.Value!),
            TokenKind.TimestampLiteral => new TimestampLiteral((DateTimeOffset)t.Value!),
            TokenKind.BinaryLiteral => new BinaryLiteral((byte[])t.Value!, false),
            TokenKind.HexLiteral => new BinaryLiteral((byte[])t.Value!, true),
            TokenKind.BooleanLiteral when !orderableOnly => new BooleanLiteral((bool)t.Value!),
            _ => throw Error(t, $"unexpected '{t.Text}', expected a {(orderableOnly ? "orderable " : string.Empty)}literal"),
        };
        _index++;
        return literal;
    }

    // STIX 2.1 §9.5.1 and the OASIS validator: a hash compared by value must have the algorithm's length.
    private static void CheckHashValue(PropertyComparison comparison, Token at)
    {
        var steps = comparison.Path.Steps;
        if (steps.Count < 2 || steps[^1] is not KeyStep algorithm || steps[^2] is not KeyStep { Name: "hashes" } ||
            StixValidator.HashHexLength(algorithm.Name) is not { } length)
        {
            return;
        }

        IEnumerable<PatternLiteral> values = comparison.Value is SetLiteral set ? set.Values : [comparison.Value];
        if (comparison.Operator is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual or ComparisonOperator.In))
        {
            return;
        }

        foreach (var v in values)
        {
            if (v is StringLiteral s && (s.Value.Length != length || !s.Value.All(char.IsAsciiHexDigit)))
            {
                throw Error(at, $"'{s.Value}' is not a valid {algorithm.Name} hash");
            }
        }
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Error(Current, $"nested deeper than {MaxDepth} levels");
        }
    }

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        _index++;
        return true;
    }

    private Token Expect(TokenKind kind, string what)
    {
        var t = Current;
        if (t.Kind != kind)
        {
            throw Error(t, t.Kind == TokenKind.End ? $"the pattern ends where {what} was expected" : $"unexpected '{t.Text}', expected {what}");
        }

        _index++;
        return t;
    }

    private static StixPatternException Error(Token at, string reason) => new(at.Offset, reason);
}
