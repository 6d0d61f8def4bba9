namespace Community.Authenticity;

/// <summary>
/// What the hub established about who submitted an anomaly summary (ITU-T X.1382 Appendix II e, authenticity), kept
/// beside the stored object (never in it) and shown outside it (the scores resource). Stored as its number.
/// </summary>
public enum SubmissionAuthenticity
{
    /// <summary>Not an anomaly summary, or the collection does not check signatures.</summary>
    NotChecked = 0,

    /// <summary>Signed by a valid authorization ticket of the V2X PKI (a pseudonym: which vehicle is not known).</summary>
    Verified = 1,

    /// <summary>Posted without a signature; kept under a "mark" policy.</summary>
    Unsigned = 2,

    /// <summary>The signature did not verify (bad signature, unknown root, revoked or expired ticket, stale); kept under a "mark" policy.</summary>
    Invalid = 3,
}
