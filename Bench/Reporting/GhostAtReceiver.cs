namespace Bench.Reporting;

/// <summary>The ghost vehicle at one OBU.</summary>
/// <param name="Receiver">The OBU.</param>
/// <param name="Accepted">Its frames accepted (before the OBU learnt of the revocation).</param>
/// <param name="Findings">This OBU's local misbehaviour findings about it, by class.</param>
/// <param name="FirstFoundAfterMs">Milliseconds from the ghost's first false CAM to this OBU's first finding about it, or null.</param>
/// <param name="FirstRevokedAfterMs">Milliseconds from the ghost's first false CAM to the OBU's first rejection of its frame as Revoked, or null.</param>
/// <param name="AcceptedAfterRevoked">Its frames accepted after that first Revoked rejection (must be none).</param>
public sealed record GhostAtReceiver(string Receiver, int Accepted, IReadOnlyDictionary<string, int> Findings, double? FirstFoundAfterMs, double? FirstRevokedAfterMs,
    int AcceptedAfterRevoked);
