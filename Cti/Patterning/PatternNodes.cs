namespace Cti.Patterning;

/// <summary>An observation expression (STIX 2.1 §9.5): what must be observed, and when.</summary>
public abstract record ObservationExpression;

/// <summary><c>[ comparison ]</c>: one observation matching a comparison expression.</summary>
public sealed record SimpleObservation(ComparisonExpression Comparison) : ObservationExpression;

/// <summary><c>( observations )</c> kept as written, so qualifiers apply to the group.</summary>
public sealed record GroupedObservation(ObservationExpression Inner) : ObservationExpression;

/// <summary>Two observation expressions joined by AND, OR or FOLLOWEDBY (§9.5, §9.6).</summary>
public sealed record CompositeObservation(ObservationOperator Operator, ObservationExpression Left, ObservationExpression Right) : ObservationExpression;

/// <summary>An observation expression with a qualifier (§9.7).</summary>
public sealed record QualifiedObservation(ObservationExpression Inner, PatternQualifier Qualifier) : ObservationExpression;

/// <summary>Operators between observation expressions, lowest precedence first (§9.6).</summary>
public enum ObservationOperator
{
    /// <summary>FOLLOWEDBY.</summary>
    FollowedBy,

    /// <summary>OR.</summary>
    Or,

    /// <summary>AND.</summary>
    And,
}

/// <summary>Observation expression qualifiers (§9.7).</summary>
public abstract record PatternQualifier;

/// <summary><c>WITHIN n SECONDS</c>.</summary>
public sealed record WithinQualifier(double Seconds) : PatternQualifier
{
    /// <summary>The window as a duration.</summary>
    public TimeSpan Window => TimeSpan.FromSeconds(Seconds);
}

/// <summary><c>REPEATS n TIMES</c>.</summary>
public sealed record RepeatsQualifier(long Times) : PatternQualifier;

/// <summary><c>START t'…' STOP t'…'</c>.</summary>
public sealed record StartStopQualifier(DateTimeOffset Start, DateTimeOffset Stop) : PatternQualifier;

/// <summary>A comparison expression inside brackets (§9.5).</summary>
public abstract record ComparisonExpression;

/// <summary>Two comparison expressions joined by AND or OR.</summary>
public sealed record CompositeComparison(bool IsAnd, ComparisonExpression Left, ComparisonExpression Right) : ComparisonExpression;

/// <summary><c>( comparison )</c> kept as written.</summary>
public sealed record GroupedComparison(ComparisonExpression Inner) : ComparisonExpression;

/// <summary><c>path [NOT] operator literal</c> (§9.5.1).</summary>
public sealed record PropertyComparison(ObjectPath Path, ComparisonOperator Operator, bool Negated, PatternLiteral Value) : ComparisonExpression;

/// <summary><c>EXISTS path</c>.</summary>
public sealed record ExistsComparison(ObjectPath Path) : ComparisonExpression;

/// <summary>Comparison operators (§9.5.1 Table).</summary>
public enum ComparisonOperator
{
    /// <summary>= (also ==).</summary>
    Equal,

    /// <summary>!= (also &lt;&gt;).</summary>
    NotEqual,

    /// <summary>&lt;.</summary>
    Less,

    /// <summary>&lt;=.</summary>
    LessOrEqual,

    /// <summary>&gt;.</summary>
    Greater,

    /// <summary>&gt;=.</summary>
    GreaterOrEqual,

    /// <summary>IN (set).</summary>
    In,

    /// <summary>LIKE (SQL-style wildcards).</summary>
    Like,

    /// <summary>MATCHES (PCRE).</summary>
    Matches,

    /// <summary>ISSUBSET (CIDR).</summary>
    IsSubset,

    /// <summary>ISSUPERSET (CIDR).</summary>
    IsSuperset,
}

/// <summary>An object path, <c>type:property.sub[0]</c> (§9.4.2).</summary>
public sealed record ObjectPath(string ObjectType, IReadOnlyList<PathStep> Steps)
{
    /// <inheritdoc />
    public bool Equals(ObjectPath? other) =>
        other is not null && ObjectType == other.ObjectType && Steps.SequenceEqual(other.Steps);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ObjectType, Steps.Count);
}

/// <summary>One step of an object path.</summary>
public abstract record PathStep;

/// <summary>A property name (written bare or quoted).</summary>
public sealed record KeyStep(string Name) : PathStep;

/// <summary>A list index, or <c>[*]</c> when <see cref="Index"/> is null.</summary>
public sealed record IndexStep(long? Index) : PathStep;

/// <summary>Literal values of the grammar (§9.3).</summary>
public abstract record PatternLiteral;

/// <summary>A single-quoted string.</summary>
public sealed record StringLiteral(string Value) : PatternLiteral;

/// <summary>An integer.</summary>
public sealed record IntegerLiteral(long Value) : PatternLiteral;

/// <summary>A floating-point number.</summary>
public sealed record FloatLiteral(double Value) : PatternLiteral;

/// <summary><c>true</c> or <c>false</c>.</summary>
public sealed record BooleanLiteral(bool Value) : PatternLiteral;

/// <summary><c>t'…'</c>.</summary>
public sealed record TimestampLiteral(DateTimeOffset Value) : PatternLiteral;

/// <summary><c>b'…'</c> (base64) or <c>h'…'</c> (hex) binary.</summary>
public sealed record BinaryLiteral(byte[] Value, bool WrittenAsHex) : PatternLiteral
{
    /// <inheritdoc />
    public bool Equals(BinaryLiteral? other) =>
        other is not null && WrittenAsHex == other.WrittenAsHex && Value.AsSpan().SequenceEqual(other.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Value.Length, WrittenAsHex);
}

/// <summary><c>( literal, … )</c> for IN.</summary>
public sealed record SetLiteral(IReadOnlyList<PatternLiteral> Values) : PatternLiteral
{
    /// <inheritdoc />
    public bool Equals(SetLiteral? other) => other is not null && Values.SequenceEqual(other.Values);

    /// <inheritdoc />
    public override int GetHashCode() => Values.Count;
}
