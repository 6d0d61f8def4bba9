namespace Community.Storage;

/// <summary>A stored TAXII status resource (TAXII 2.1 §4.3), visible to the organisation that posted.</summary>
/// <param name="Id">Status id.</param>
/// <param name="OrganisationId">Poster.</param>
/// <param name="CreatedUs">When the request arrived.</param>
/// <param name="ExpiresUs">When it may be purged (kept at least 24 h).</param>
/// <param name="Json">The status resource.</param>
public sealed record StatusRecord(string Id, string OrganisationId, long CreatedUs, long ExpiresUs, string Json);
