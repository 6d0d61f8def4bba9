using PkiProtocol.Misbehaviour;
using V2x.Security;

namespace Firmware.Application.Misbehaviour;

/// <summary>
/// One detection of the local misbehaviour detection (Docs/misbehaviour.md): which class (ETSI TS 103 759 observation),
/// about which ticket, why, and the subject's own signed messages that show it (the last one is the subject PDU).
/// </summary>
/// <param name="Observation">The detection class.</param>
/// <param name="Subject">The ticket whose messages are implausible.</param>
/// <param name="At">When it was found (receiver clock).</param>
/// <param name="Detail">What was measured against which bound.</param>
/// <param name="Evidence">The subject's signed messages (Ieee1609Dot2Data), oldest first.</param>
/// <param name="Location">Where the receiver saw it (its last observation of the subject), degrees.</param>
public sealed record MisbehaviourFinding(MbrObservation Observation, HashedId8 Subject, DateTimeOffset At, string Detail,
    IReadOnlyList<ReadOnlyMemory<byte>> Evidence, (double Latitude, double Longitude) Location);
