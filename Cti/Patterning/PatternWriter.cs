using System.Globalization;
using System.Text;
using Cti.Stix;

namespace Cti.Patterning;

/// <summary>
/// Writes a pattern syntax tree back as STIX 2.1 pattern text (§9). Output parses back to an equal
/// tree, so building a tree and writing it is the safe way to make a pattern from data.
/// </summary>
public static class PatternWriter
{
    /// <summary>The pattern text of <paramref name="root"/>.</summary>
    public static string Write(ObservationExpression root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var sb = new StringBuilder();
        Write(sb, root);
        return sb.ToString();
    }

    /// <summary>A string literal with the two escapes the grammar allows (§9.3).</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
    }

    private static void Write(StringBuilder sb, ObservationExpression node)
    {
        switch (node)
        {
            case SimpleObservation s:
                sb.Append('[');
                Write(sb, s.Comparison);
                sb.Append(']');
                break;
            case GroupedObservation g:
                sb.Append('(');
                Write(sb, g.Inner);
                sb.Append(')');
                break;
            case CompositeObservation c:
                Write(sb, c.Left);
                sb.Append(c.Operator switch
                {
                    ObservationOperator.And => " AND ",
                    ObservationOperator.Or => " OR ",
                    _ => " FOLLOWEDBY ",
                });
                Write(sb, c.Right);
                break;
            case QualifiedObservation q:
                Write(sb, q.Inner);
                sb.Append(' ');
                switch (q.Qualifier)
                {
                    case WithinQualifier w:
                        sb.Append("WITHIN ").Append(Number(w.Seconds)).Append(" SECONDS");
                        break;
                    case RepeatsQualifier r:
                        sb.Append("REPEATS ").Append(r.Times.ToString(CultureInfo.InvariantCulture)).Append(" TIMES");
                        break;
                    case StartStopQualifier ss:
                        sb.Append("START t'").Append(StixTimestamp.FormatMicroseconds(ss.Start))
                          .Append("' STOP t'").Append(StixTimestamp.FormatMicroseconds(ss.Stop)).Append('\'');
                        break;
                }

                break;
        }
    }

    private static void Write(StringBuilder sb, ComparisonExpression node)
    {
        switch (node)
        {
            case CompositeComparison c:
                Write(sb, c.Left);
                sb.Append(c.IsAnd ? " AND " : " OR ");
                Write(sb, c.Right);
                break;
            case GroupedComparison g:
                sb.Append('(');
                Write(sb, g.Inner);
                sb.Append(')');
                break;
            case ExistsComparison e:
                sb.Append("EXISTS ");
                Write(sb, e.Path);
                break;
            case PropertyComparison p:
                Write(sb, p.Path);
                sb.Append(' ');
                if (p.Negated)
                {
                    sb.Append("NOT ");
                }

                sb.Append(p.Operator switch
                {
                    ComparisonOperator.Equal => "=",
                    ComparisonOperator.NotEqual => "!=",
                    ComparisonOperator.Less => "<",
                    ComparisonOperator.LessOrEqual => "<=",
                    ComparisonOperator.Greater => ">",
                    ComparisonOperator.GreaterOrEqual => ">=",
                    ComparisonOperator.In => "IN",
                    ComparisonOperator.Like => "LIKE",
                    ComparisonOperator.Matches => "MATCHES",
                    ComparisonOperator.IsSubset => "ISSUBSET",
                    _ => "ISSUPERSET",
                }).Append(' ');
                Write(sb, p.Value);
                break;
        }
    }

    private static void Write(StringBuilder sb, ObjectPath path)
    {
        sb.Append(path.ObjectType).Append(':');
        for (var i = 0; i < path.Steps.Count; i++)
        {
            switch (path.Steps[i])
            {
                case KeyStep k:
                    if (i > 0)
                    {
                        sb.Append('.');
                    }

                    sb.Append(IsBareName(k.Name) ? k.Name : Quote(k.Name));
                    break;
                case IndexStep ix:
                    sb.Append('[').Append(ix.Index?.ToString(CultureInfo.InvariantCulture) ?? "*").Append(']');
                    break;
            }
        }
    }

    private static void Write(StringBuilder sb, PatternLiteral literal)
    {
        switch (literal)
        {
            case StringLiteral s:
                sb.Append(Quote(s.Value));
                break;
            case IntegerLiteral i:
                sb.Append(i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case FloatLiteral f:
                sb.Append(Number(f.Value));
                break;
            case BooleanLiteral b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case TimestampLiteral t:
                sb.Append("t'").Append(StixTimestamp.FormatMicroseconds(t.Value)).Append('\'');
                break;
            case BinaryLiteral bin:
                sb.Append(bin.WrittenAsHex ? "h'" + Convert.ToHexStringLower(bin.Value) + "'" : "b'" + Convert.ToBase64String(bin.Value) + "'");
                break;
            case SetLiteral set:
                sb.Append('(');
                for (var i = 0; i < set.Values.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    Write(sb, set.Values[i]);
                }

                sb.Append(')');
                break;
        }
    }

    private static string Number(double value)
    {
        var text = value.ToString("0.0###############", CultureInfo.InvariantCulture);
        return text;
    }

    // Names with anything but letters, digits and '_' are quoted, as the STIX 2.1 §9 examples do
    // (file:hashes.'SHA-256').
    private static bool IsBareName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') &&
        name is not ("AND" or "OR" or "NOT" or "FOLLOWEDBY" or "LIKE" or "MATCHES" or "ISSUBSET" or "ISSUPERSET" or "EXISTS" or "IN"
            or "START" or "STOP" or "SECONDS" or "WITHIN" or "REPEATS" or "TIMES" or "true" or "false");
}
