namespace Community.Membership;

/// <summary>
/// What a collection does with anomaly summaries by signature (Docs/community.md "Signed submissions"; ITU-T X.1382
/// Appendix II e, authenticity): the signature of the vehicle's pseudonymous authorization ticket over the envelope.
/// </summary>
public enum SignaturePolicy
{
    /// <summary>Signatures are not checked (members' credentials are the only authentication).</summary>
    None,

    /// <summary>Unsigned or badly signed summaries are kept, marked (unsigned / invalid), and never merged.</summary>
    Mark,

    /// <summary>Unsigned or badly signed summaries are refused.</summary>
    Require,
}
