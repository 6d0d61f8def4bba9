namespace Community.Taxii;

/// <summary>
/// One object's assessment for the reader, in the hub's scores resource: the value score of ITU-T X.1382 Appendix II
/// and, for anomaly summaries in collections that check signatures, the submission's authenticity. Kept outside the
/// objects so that objects are served exactly as stored.
/// </summary>
public sealed record ScoreRecord(string Id, string Version, string DateAdded, int ValueScore, string? Authenticity = null);

/// <summary>The scores resource, paged like a manifest (TAXII 2.1 §5.3.1 shape, with next whenever more is true).</summary>
public sealed record ScoresResource(bool? More = null, string? Next = null, IReadOnlyList<ScoreRecord>? Objects = null);
