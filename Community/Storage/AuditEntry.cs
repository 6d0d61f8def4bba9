namespace Community.Storage;

/// <summary>
/// One line of the audit log: what happened to which object or membership, when, by whom and why
/// (erasure of obsolete information is audited, ITU-T X.1382 §9.3.1.2 c). Never holds object content.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>Sequence number (assigned by the store).</summary>
    public long Sequence { get; init; }

    /// <summary>When, microseconds since the epoch.</summary>
    public long AtUs { get; init; }

    /// <summary>erase, delete, revoke, join-request, join-approve, join-reject, leave, …</summary>
    public required string Action { get; init; }

    /// <summary>Who: an organisation id, "retention-job" or "admin-cli".</summary>
    public required string Actor { get; init; }

    /// <summary>The collection, if any.</summary>
    public string? CollectionId { get; init; }

    /// <summary>The STIX id or organisation concerned.</summary>
    public string? Subject { get; init; }

    /// <summary>The version concerned, microseconds.</summary>
    public long? VersionUs { get; init; }

    /// <summary>Why.</summary>
    public string? Reason { get; init; }
}
