using PkiProtocol.Audit;
using PkiProtocol.Misbehaviour;
using V2x.Security;

namespace Pki.Store;

/// <summary>
/// One report the global detection counts (Docs/misbehaviour.md): an observation about a ticket (its station and that
/// station's IDF implementation found through the resolution record), or a station's own IDF anomaly or compromise.
/// </summary>
/// <param name="ReceivedAt">When the authority took it.</param>
/// <param name="Kind">Observation, IdfAnomaly or IdfCompromise.</param>
/// <param name="ReporterStation">The station behind the reporting AT (so one station's many pseudonyms count once).</param>
/// <param name="SubjectTicket">The reported AT (observations).</param>
/// <param name="SubjectStation">The station the report is about (the subject's for an observation, the reporter's own otherwise), null when unknown.</param>
/// <param name="Implementation">That station's IDF implementation, null when unknown.</param>
/// <param name="Classes">The detection classes (observations) or the integrity level (own reports), as text.</param>
public sealed record ObservationRecord(DateTimeOffset ReceivedAt, MisbehaviourKind Kind, string ReporterStation, HashedId8? SubjectTicket, string? SubjectStation,
    IdfImplementation? Implementation, string Classes);
