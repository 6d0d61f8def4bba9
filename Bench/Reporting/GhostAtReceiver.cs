namespace Bench.Reporting;

/// <summary>The ghost vehicle at one OBU.</summary>
/// <param name="Receiver">The OBU.</param>
/// <param name="Accepted">Its frames accepted (before the OBU learnt of the revocation).</param>
/// <param name="FirstRevokedAfterMs">Milliseconds from the ghost's first false CAM to the OBU's first rejection of its frame as Revoked, or null.</param>
/// <param name="AcceptedAfterRevoked">Its frames accepted after that first Revoked rejection (must be none).</param>
public sealed record GhostAtReceiver(string Receiver, int Accepted, double? FirstRevokedAfterMs, int AcceptedAfterRevoked);
