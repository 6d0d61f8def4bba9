namespace V2x.Per;

/// <summary>
/// The alternative a CHOICE encoding selects (ITU-T X.691 §23): a root alternative by index, or,
/// when <see cref="IsExtension"/> is set, an extension addition by its index among the additions.
/// </summary>
/// <param name="IsExtension">True when the alternative is an extension addition (§23.8).</param>
/// <param name="Index">Index among the root alternatives, or among the extension additions.</param>
public readonly record struct PerChoice(bool IsExtension, int Index);
