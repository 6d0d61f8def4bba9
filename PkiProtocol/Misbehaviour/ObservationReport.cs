using V2x;
using V2x.Oer;
using V2x.Security;
using V2x.Time;

namespace PkiProtocol.Misbehaviour;

/// <summary>
/// A receiver's misbehaviour report on one sender, in the structure of ETSI TS 103 759 v2.1.1 (EtsiTs103759Data with an
/// AID-specific report of the TemplateAsr shape) as far as this project uses it. It travels as the evidence of an
/// <see cref="MisbehaviourReport"/> of kind <see cref="MisbehaviourKind.Observation"/>, signed by the reporter's AT and
/// encrypted for the misbehaviour authority:
/// <code>
/// EtsiTs103759Data ::= SEQUENCE { version Uint8 (2), generationTime Time64, observationLocation ThreeDLocation,
///     report AidSpecificReport }
/// AidSpecificReport ::= SEQUENCE { aid Psid (36 CAM, 37 DENM), content OPEN TYPE -- TemplateAsr }
/// TemplateAsr ::= SEQUENCE { observations SEQUENCE OF ObservationsByTarget,
///     v2xPduEvidence SEQUENCE (SIZE(1..MAX)) OF V2xPduStream, nonV2xPduEvidence SEQUENCE OF NonV2xPduEvidenceItem (empty here) }
/// ObservationsByTarget ::= SEQUENCE { tgtId Uint8, observations SEQUENCE OF SEQUENCE { obsId Uint8, obs OPEN TYPE (NULL: empty) } }
/// V2xPduStream ::= SEQUENCE { type Uint8 (2 c-ObsPdu-ieee1609Dot2Data), v2xPdus SEQUENCE OF OPEN TYPE (Ieee1609Dot2Data),
///     certificate Certificate OPTIONAL (absent here), subjectPduIndex Uint8, ... }
/// </code>
/// The PDUs are the subject's own signed messages, so the authority checks them against the subject's certificate and a
/// reporter cannot make up evidence. At most <see cref="MaxPdus"/> PDUs, each at most <see cref="MaxPduOctets"/>.
/// The signer is an authorization ticket as EtsiTs103759Data-SignedAndEncrypted-Unicast requires (ETSI TS 103 097 v2.1.1
/// §7.2.1 profile). TS 103 759 is cited by its ASN.1 module and type names, not by clause: its text was not available
/// here (Docs/misbehaviour.md, "Standards and sources").
/// </summary>
public sealed record ObservationReport
{
    /// <summary>EtsiTs103759Data version.</summary>
    public const byte Version = 2;

    /// <summary>V2xPduStream type c-ObsPdu-ieee1609Dot2Data.</summary>
    public const byte PduTypeIeee1609Dot2Data = 2;

    /// <summary>Most PDUs of evidence (the subject and the one before it).</summary>
    public const int MaxPdus = 2;

    /// <summary>Largest PDU kept.</summary>
    public const int MaxPduOctets = 900;

    /// <summary>When the report was made.</summary>
    public required Time64 GenerationTime { get; init; }

    /// <summary>Where the reporter was at its last observation.</summary>
    public required ThreeDLocation ObservationLocation { get; init; }

    /// <summary>The detection classes observed (all of one AID).</summary>
    public required IReadOnlyList<MbrObservation> Observations { get; init; }

    /// <summary>The subject's signed PDUs (Ieee1609Dot2Data), the oldest first; the last one is the subject PDU.</summary>
    public required IReadOnlyList<ReadOnlyMemory<byte>> Pdus { get; init; }

    /// <summary>The AID of the observations.</summary>
    public Psid Aid => MbrObservations.Ids(Observations[0]).Aid;

    /// <summary>Encodes the EtsiTs103759Data.</summary>
    /// <exception cref="ArgumentException">No observation, observations of two AIDs, no PDU or too many, or a PDU too large.</exception>
    public byte[] ToBytes()
    {
        Validate();
        var w = new OerWriter(256 + Pdus.Sum(p => p.Length));
        w.WriteByte(Version);
        w.WriteUInt64(GenerationTime.Microseconds);
        ObservationLocation.Encode(w);
        Aid.Encode(w);
        var content = w.BeginOpenType();
        var byTarget = Observations.Distinct().Select(MbrObservations.Ids).GroupBy(i => i.Target).OrderBy(g => g.Key).ToList();
        w.WriteQuantity(byTarget.Count);
        foreach (var target in byTarget)
        {
            w.WriteByte(target.Key);
            w.WriteQuantity(target.Count());
            foreach (var (_, _, obs) in target.OrderBy(t => t.Observation))
            {
                w.WriteByte(obs);
                w.WriteOpenType([]);
            }
        }

        w.WriteQuantity(1);
        w.WritePreamble(true, false, OerRules.PresenceBits(false), 1);
        w.WriteByte(PduTypeIeee1609Dot2Data);
        w.WriteQuantity(Pdus.Count);
        foreach (var pdu in Pdus)
        {
            w.WriteOpenType(pdu.Span);
        }

        w.WriteByte((byte)(Pdus.Count - 1));
        w.WriteQuantity(0);
        w.EndOpenType(content);
        return w.ToArray();
    }

    /// <summary>Decodes an EtsiTs103759Data of this shape.</summary>
    /// <exception cref="DecodeException">Not one: the path names the field.</exception>
    public static ObservationReport Decode(ReadOnlyMemory<byte> encoded)
    {
        var r = new OerReader(encoded, "EtsiTs103759Data");
        r.Push("version");
        var at = r.Position;
        if (r.ReadUInt8() != Version)
        {
            throw r.FailAt(at, $"version is not {Version}");
        }

        r.Pop();
        r.Push("generationTime");
        var time = new Time64(r.ReadUInt64());
        r.Pop();
        r.Push("observationLocation");
        var location = ThreeDLocation.Decode(r);
        r.Pop();
        r.Push("report");
        r.Push("aid");
        var aid = Psid.Decode(r);
        r.Pop();
        r.Push("content");
        var token = r.BeginOpenType();
        var observations = new List<MbrObservation>();
        r.Push("observations");
        var targets = r.ReadQuantity(2, 1, 16);
        for (var t = 0; t < targets; t++)
        {
            var target = r.ReadUInt8();
            var count = r.ReadQuantity(2, 1, 16);
            for (var o = 0; o < count; o++)
            {
                at = r.Position;
                var obs = r.ReadUInt8();
                if (!r.ReadOpenTypeBytes().IsEmpty)
                {
                    throw r.FailAt(at, "the observations used here are NULL (an empty open type)");
                }

                observations.Add(MbrObservations.Of(aid, target, obs) ?? throw r.FailAt(at, $"observation {obs} of target {target} of AID {aid} is not one this project reports"));
            }
        }

        r.Pop();
        r.Push("v2xPduEvidence");
        at = r.Position;
        if (r.ReadQuantity(4, 1, 1) != 1)
        {
            throw r.FailAt(at, "one V2xPduStream");
        }

        var bits = r.ReadPreamble(true, 1, out var extension);
        if (OerReader.IsPresent(bits, 1, 0))
        {
            throw r.FailAt(at, "the certificate is not carried here: the PDUs name the subject");
        }

        at = r.Position;
        if (r.ReadUInt8() != PduTypeIeee1609Dot2Data)
        {
            throw r.FailAt(at, "PDU type is not c-ObsPdu-ieee1609Dot2Data (2)");
        }

        var pduCount = r.ReadQuantity(1, 1, MaxPdus);
        var pdus = new List<ReadOnlyMemory<byte>>(pduCount);
        for (var i = 0; i < pduCount; i++)
        {
            at = r.Position;
            var pdu = r.ReadOpenTypeBytes();
            if (pdu.Length > MaxPduOctets)
            {
                throw r.FailAt(at, $"a PDU of {pdu.Length} octets exceeds {MaxPduOctets}");
            }

            pdus.Add(pdu);
        }

        at = r.Position;
        if (r.ReadUInt8() != pduCount - 1)
        {
            throw r.FailAt(at, "subjectPduIndex is not the last PDU");
        }

        Messages.OerExtensions.SkipAdditions(r, extension);
        r.Pop();
        r.Push("nonV2xPduEvidence");
        if (r.ReadQuantity(0, 0, 0) != 0)
        {
            throw r.Fail("no non-V2X evidence is carried here");
        }

        r.Pop();
        r.EndOpenType(token);
        r.Pop();
        r.Pop();
        r.ExpectEnd();
        var report = new ObservationReport { GenerationTime = time, ObservationLocation = location, Observations = observations, Pdus = pdus };
        try
        {
            report.Validate();
        }
        catch (ArgumentException e)
        {
            throw r.FailAt(0, e.Message);
        }

        return report;
    }

    private void Validate()
    {
        if (Observations.Count == 0 || Observations.Select(o => MbrObservations.Ids(o).Aid).Distinct().Count() != 1)
        {
            throw new ArgumentException("a report has observations, all of one AID");
        }

        if (Pdus.Count is < 1 or > MaxPdus || Pdus.Any(p => p.Length is 0 or > MaxPduOctets))
        {
            throw new ArgumentException($"a report carries 1..{MaxPdus} PDUs of 1..{MaxPduOctets} octets");
        }
    }
}
