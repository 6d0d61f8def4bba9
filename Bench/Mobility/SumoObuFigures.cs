namespace Bench.Mobility;

/// <summary>One OBU of a SUMO run: the vehicle it rode in, when it was on the air, what it sent and heard.</summary>
/// <param name="Name">obu-N.</param>
/// <param name="Vehicle">The SUMO vehicle id.</param>
/// <param name="JoinedAt">When its vehicle entered the simulation.</param>
/// <param name="OnAirAt">When it had its ticket and sent CAMs (null: it never got that far).</param>
/// <param name="LeftAt">When its vehicle left (null: still driving at the end).</param>
/// <param name="CamsSent">CAMs it transmitted.</param>
/// <param name="CamsAccepted">CAMs of other OBUs it accepted.</param>
/// <param name="CamsRejected">CAMs of other OBUs it rejected.</param>
/// <param name="SendersHeard">Other OBUs whose CAMs it accepted.</param>
/// <param name="Error">Why it could not start, if it could not.</param>
public sealed record SumoObuFigures(string Name, string Vehicle, DateTimeOffset JoinedAt, DateTimeOffset? OnAirAt, DateTimeOffset? LeftAt, long CamsSent,
    int CamsAccepted, int CamsRejected, int SendersHeard, string? Error);
