namespace Firmware.Application.Provisioning;

/// <summary>What the station found when its own certificates were on a CRL, and what the PKI gave it when it asked again (patent ¶167).</summary>
/// <param name="RetiredTickets">The HashedId8 of the tickets retired.</param>
/// <param name="EnrolmentRevoked">Whether its enrolment credential was listed too.</param>
/// <param name="NewTicket">The new ticket's HashedId8, or null when the PKI gave none.</param>
/// <param name="NewAssurance">The new ticket's IDF assurance level, or null (none, or no ticket).</param>
/// <param name="Refusal">Why no ticket came (the PKI's refusal), or null.</param>
public sealed record OwnRevocation(IReadOnlyList<string> RetiredTickets, bool EnrolmentRevoked, string? NewTicket, byte? NewAssurance, string? Refusal);
