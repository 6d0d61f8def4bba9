namespace Community.Authenticity;

/// <summary>What <see cref="SubmissionVerifier"/> found: the authenticity, and for anything but verified, why (no identifiers).</summary>
public sealed record SubmissionVerdict(SubmissionAuthenticity Authenticity, string? Reason = null)
{
    /// <summary>No signature came with the envelope.</summary>
    public static SubmissionVerdict Unsigned { get; } = new(SubmissionAuthenticity.Unsigned, "the envelope carries no signature");

    /// <summary>Signatures are not checked for this request.</summary>
    public static SubmissionVerdict NotChecked { get; } = new(SubmissionAuthenticity.NotChecked);

    /// <summary>A signature that did not verify, for <paramref name="reason"/>.</summary>
    public static SubmissionVerdict Invalid(string reason) => new(SubmissionAuthenticity.Invalid, reason);
}
