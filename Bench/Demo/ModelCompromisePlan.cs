using PkiProtocol.Audit;

namespace Bench.Demo;

/// <summary>
/// A compromised IDF model (a scenario file's <c>compromised-idf-model</c>; issue 15): at <paramref name="At"/> a vulnerability
/// of <paramref name="Model"/> is exploited on the OBUs <paramref name="Exploited"/> (1 for obu-1), each tampered as the demo's
/// tamper is (a rogue process, <see cref="Stations.TamperFault.RogueProcess"/>). Their own anomaly reports go to the
/// misbehaviour authority, whose global detection revokes the model once <c>ImplementationThreshold</c> distinct stations of it
/// reported (Pki/Misbehaviour/GlobalDetection; patent ¶164-168).
/// </summary>
/// <param name="Model">The exploited model.</param>
/// <param name="Exploited">The OBUs it is exploited on, each running <paramref name="Model"/>.</param>
/// <param name="At">When, from the run's start.</param>
public sealed record ModelCompromisePlan(IdfImplementation Model, IReadOnlyList<int> Exploited, TimeSpan At);
