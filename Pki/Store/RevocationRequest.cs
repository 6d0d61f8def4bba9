namespace Pki.Store;

/// <summary>What a revocation request of the global detection revokes.</summary>
public enum RevocationScope
{
    /// <summary>One station: blocked, its ECs and ATs on the CRLs.</summary>
    Station = 0,

    /// <summary>One IDF implementation version (model-wide): every station running it, and its assessment lowered or withdrawn.</summary>
    Implementation = 1,
}

/// <summary>Where a revocation request stands.</summary>
public enum RevocationRequestState
{
    /// <summary>Waiting for an investigator's confirmation.</summary>
    Pending = 0,

    /// <summary>Carried out (automatically, or confirmed).</summary>
    Done = 1,

    /// <summary>Declined by an investigator.</summary>
    Declined = 2,
}

/// <summary>A revocation the global detection asked for (Docs/misbehaviour.md).</summary>
/// <param name="Id">Its number (the CLI's <c>confirm-revocation --request N</c>).</param>
/// <param name="CreatedAt">When the thresholds were crossed.</param>
/// <param name="Scope">Station or implementation.</param>
/// <param name="Target">The station id, or VENDOR/PRODUCT@VERSION.</param>
/// <param name="Reason">The counts that crossed the threshold.</param>
/// <param name="State">Pending, done or declined.</param>
/// <param name="DecidedAt">When it was carried out or declined.</param>
/// <param name="Action">What the revocation did (or why it was declined).</param>
public sealed record RevocationRequest(long Id, DateTimeOffset CreatedAt, RevocationScope Scope, string Target, string Reason, RevocationRequestState State,
    DateTimeOffset? DecidedAt, string? Action);
