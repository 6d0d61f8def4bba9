namespace Community.Membership;

/// <summary>HTTP Basic credentials of an organisation, stored as a salted PBKDF2 hash only.</summary>
/// <param name="Username">User name.</param>
/// <param name="OrganisationId">The organisation it acts for.</param>
/// <param name="PasswordHash">Encoded hash, see <see cref="PasswordHasher"/>.</param>
public sealed record Credential(string Username, string OrganisationId, string PasswordHash);
