namespace Testing.Fuzz;

/// <summary>The mutations <see cref="Mutator"/> applies.</summary>
public enum MutationKind
{
    /// <summary>One bit flipped.</summary>
    BitFlip,

    /// <summary>The input cut short at a random point.</summary>
    Truncate,

    /// <summary>A byte replaced by a large length (0x7F, 0x80-0x84 long-form prefixes, 0xFF).</summary>
    InflateLength,

    /// <summary>One to four random bytes inserted.</summary>
    InsertBytes,

    /// <summary>One to four bytes removed.</summary>
    DeleteBytes,

    /// <summary>A byte set to a random value.</summary>
    RandomByte,
}
