using PkiProtocol.Misbehaviour;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;

namespace Pki.Tests.Misbehaviour;

/// <summary>Reports of the misbehaviour tests: a subject station's signed CAMs as TS 103 759 evidence, wrapped in an observation.</summary>
internal static class MbrForge
{
    /// <summary>A subject: the ticket the evidence names and the key that signs it (the ticket's own, or another to forge).</summary>
    internal sealed record Subject(Certificate Ticket, ISignatureKey Key);

    /// <summary>A signed message of the subject under <paramref name="psid"/> (the payload need not be a real CAM: the authority checks signatures).</summary>
    public static byte[] Pdu(TestBench bench, Subject subject, Psid psid, byte marker) =>
        new SpduSigner(subject.Key, subject.Ticket).SignPayload([0x02, 0x02, marker], new HeaderInfo { Psid = psid, GenerationTime = bench.Now }, SignerChoice.Digest);

    /// <summary>An observation report about the subject's ticket with two PDUs of evidence.</summary>
    public static MisbehaviourReport Observation(TestBench bench, Subject subject, MbrObservation observation, HashedId8? about = null)
    {
        var aid = MbrObservations.Ids(observation).Aid;
        var evidence = new ObservationReport
        {
            GenerationTime = bench.Now,
            ObservationLocation = new ThreeDLocation(481_000_000, 115_000_000, 4096 + 5200),
            Observations = [observation],
            Pdus = [Pdu(bench, subject, aid, 1), Pdu(bench, subject, aid, 2)],
        };
        return new MisbehaviourReport { GenerationTime = bench.Now, Kind = MisbehaviourKind.Observation, Subject = about ?? subject.Ticket.HashedId8, Evidence = evidence.ToBytes() };
    }
}
