using Firmware.SecurePartition.Encoding;
using Firmware.SecurePartition.Keys;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Posture;
using Firmware.SecurePartition.Reports;
using Firmware.SecurePartition.Triggers;
using V2x.Security;
using V2x.Security.Signing;

namespace Firmware.SecurePartition.Protocol;

/// <summary>
/// Decodes a request body, calls the partition, encodes the answer (bodies byte by byte in
/// Docs/secure-partition.md, "Protocol"). A body that does not decode is
/// <see cref="MalformedDataException"/>; a refused operation is <see cref="PartitionException"/>.
/// Every request is decoded completely (including "no bytes left over") before the partition is called.
/// </summary>
public sealed class ProtocolHandler
{
    /// <summary>AugmentAndSign flag bit 0: the report choice the client once had; refused.</summary>
    public const byte ReportChoiceBit = 0x01;

    /// <summary>AugmentAndSign flag bit 1: a generation location follows.</summary>
    public const byte LocationBit = 0x02;

    private readonly SecurePartitionService _partition;
    private readonly int _maxBodyBytes;

    /// <summary>Serves one partition.</summary>
    public ProtocolHandler(SecurePartitionService partition, int maxBodyBytes = Frame.DefaultMaxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(partition);
        _partition = partition;
        _maxBodyBytes = maxBodyBytes;
    }

    /// <summary>Handles one request; returns the response body (its type is the request's with bit 7 set).</summary>
    /// <exception cref="MalformedDataException">The body does not decode.</exception>
    /// <exception cref="PartitionException">The partition refused.</exception>
    /// <exception cref="ProtocolException">Unknown message type.</exception>
    public byte[] Handle(MessageType type, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var r = new ByteReader(body, type.ToString());
        var w = new ByteWriter(256);
        switch (type)
        {
            case MessageType.Hello:
                r.ExpectEnd();
                w.U8(Frame.Version).U32((uint)_maxBodyBytes).Text(_partition.BoardName);
                break;
            case MessageType.AugmentAndSign:
                AugmentAndSign(r, w);
                break;
            case MessageType.GetReport:
                var detailed = r.Bool("detailed");
                r.ExpectEnd();
                var latest = _partition.GetReport();
                w.U8((byte)latest.Level).U16((ushort)latest.Bitmap).Time(latest.Time)
                    .Bytes(detailed ? ReportCodec.Encode(_partition.GetDetailedReport()) : []);
                break;
            case MessageType.TriggerCheck:
                var trigger = r.Enum<TriggerKind>("trigger");
                var detail = r.Text("detail", 256);
                r.ExpectEnd();
                var scan = _partition.TriggerCheck(trigger, detail);
                w.U8((byte)scan.Level).U16((ushort)scan.Bitmap).Time(scan.Time);
                break;
            case MessageType.GetPosture:
                r.ExpectEnd();
                WritePosture(w, _partition.Posture.Status());
                break;
            case MessageType.CreatePostureRequest:
                r.ExpectEnd();
                w.Bytes(_partition.Posture.CreateRequest());
                break;
            case MessageType.InstallPostureResponse:
                var signed = r.Bytes("response", Boot.OemDocument.MaxBytes);
                r.ExpectEnd();
                WritePosture(w, _partition.Posture.Install(signed));
                break;
            case MessageType.ReadReports:
                var after = r.U64("after");
                var max = r.U16("max");
                r.ExpectEnd();
                var budget = _maxBodyBytes - ReportFit.ResponseSlackBytes;
                var reports = new List<(ulong, byte[])>();
                foreach (var (sequence, report) in _partition.ReadDetailedReports(after, Math.Min((int)max, 64)))
                {
                    var bytes = ReportCodec.Encode(report);
                    if (reports.Count == 0 && bytes.Length + ReportFit.ResponseItemOverheadBytes > budget)
                    {
                        // Never answer "nothing new" while a report exists (the forwarder would
                        // stall): the first one is trimmed to fit, as the recorder trims it.
                        bytes = ReportFit.TryEncode(report, ReportFit.MaxInResponse(_maxBodyBytes)) ?? bytes;
                    }

                    if ((budget -= bytes.Length + ReportFit.ResponseItemOverheadBytes) < 0)
                    {
                        break;
                    }

                    reports.Add((sequence, bytes));
                }

                w.List(reports, static (w, x) => w.U64(x.Item1).Bytes(x.Item2));
                break;
            case MessageType.UpdateIndicatorRules:
                var update = IndicatorRuleCodec.DecodeUpdate(body);
                var state = _partition.UpdateIndicatorRules(update);
                w.U32(state.Revision).U16((ushort)state.Indicators).U16((ushort)state.Rules).U16((ushort)state.IgnoredStale);
                break;
            case MessageType.SignUpstreamSummary:
                var at = r.Offset;
                var digest = r.Bytes("digest", 32);
                r.ExpectEnd();
                if (digest.Length != 32)
                {
                    throw r.Fail("digest", at, "a SHA-256 digest is 32 octets");
                }

                // Docs/secure-partition.md: until the application announced its start (and was measured), the partition signs
                // nothing for it, its summaries included.
                _partition.RequireApplicationStarted();
                w.Bytes(_partition.Keys.SignUpstreamSummary(digest, _partition.Now));
                break;
            case MessageType.ListIndicatorRules:
                r.ExpectEnd();
                var (revision, entries) = _partition.ListIndicatorRules();
                w.U32(revision).List(entries.ToList(), IndicatorRuleCodec.WriteEntry);
                break;
            default:
                Provisioning(type, r, w);
                break;
        }

        return w.ToArray();
    }

    private void Provisioning(MessageType type, ByteReader r, ByteWriter w)
    {
        var keys = _partition.Keys;
        switch (type)
        {
            case MessageType.GenerateTicketKey:
                r.ExpectEnd();
                var (slot, publicKey) = keys.GenerateTicketKey();
                w.U16(slot).Bytes(publicKey);
                break;
            case MessageType.InstallTicket:
                var installSlot = r.U16("slot");
                var certificate = r.Bytes("certificate", 4096);
                r.ExpectEnd();
                keys.InstallTicket(installSlot, certificate);
                break;
            case MessageType.ChangePseudonym:
                r.ExpectEnd();
                w.U16(keys.ChangePseudonym());
                break;
            case MessageType.GenerateEnrolmentKey:
                r.ExpectEnd();
                w.Bytes(keys.GenerateEnrolmentKey());
                break;
            case MessageType.InstallEnrolmentCredential:
                var credential = r.Bytes("certificate", 4096);
                r.ExpectEnd();
                keys.InstallEnrolmentCredential(credential);
                break;
            case MessageType.SignProvisioningRequest:
                var role = r.Enum<KeyRole>("role");
                var roleSlot = r.U16("slot");
                var psid = new Psid(r.U64("psid"));
                var signer = SignerOf(r, allowSelf: true);
                var payload = r.Bytes("payload", _maxBodyBytes);
                r.ExpectEnd();
                _partition.RequireApplicationStarted();
                w.Bytes(keys.SignRequest(role, roleSlot, psid, payload, signer, _partition.Now));
                break;
            case MessageType.GetCanonicalKey:
                r.ExpectEnd();
                w.Bytes(keys.CanonicalPublicKey());
                break;
            case MessageType.SignMisbehaviourReport:
                var at = r.Offset;
                var source = r.U8("source");
                if (source == 0)
                {
                    r.ExpectEnd();
                    w.Bytes(_partition.SignOwnAnomalyReport());
                }
                else if (source == 1)
                {
                    var report = r.Bytes("report", PkiProtocol.Misbehaviour.MisbehaviourReport.MaxEvidenceOctets + 512);
                    r.ExpectEnd();
                    w.Bytes(_partition.SignObservationReport(report));
                }
                else
                {
                    throw r.Fail("source", at, $"source {source} is neither 0 (own anomaly) nor 1 (observation)");
                }

                break;
            case MessageType.RetireTicket:
                var retire = r.U16("slot");
                r.ExpectEnd();
                var active = keys.RetireTicket(retire);
                w.Bool(active is not null);
                if (active is { } a)
                {
                    w.U16(a);
                }

                break;
            case MessageType.ListTickets:
                r.ExpectEnd();
                var current = keys.Active?.Slot;
                w.List(keys.Slots.Where(s => s.Certificate.Length > 0).ToList(), (w, s) => w.U16(s.Slot).Bool(s.Slot == current).Bytes(s.Certificate));
                break;
            default:
                throw new ProtocolException(PartitionError.UnknownType, $"Message type 0x{(byte)type:X2} is not known.");
        }
    }

    private void AugmentAndSign(ByteReader r, ByteWriter w)
    {
        var psid = new Psid(r.U64("psid"));
        var at = r.Offset;
        var flags = r.U8("flags");

        // Bit 0 once let the client choose whether the report travels. The partition decides now (sending option
        // of the signed policy, PSID, latches), so the bit is gone: a request still setting it is refused, typed,
        // like any other unknown bit, before anything is signed or counted.
        if ((flags & ReportChoiceBit) != 0)
        {
            throw r.Fail("flags", at, "bit 0 (report choice) is no longer part of the protocol: the partition decides whether the report travels");
        }

        if ((flags & ~LocationBit) != 0)
        {
            throw r.Fail("flags", at, "unknown flag bits");
        }

        var signer = SignerOf(r, allowSelf: false);
        ThreeDLocation? location = (flags & LocationBit) != 0 ? new ThreeDLocation(r.I32("latitude"), r.I32("longitude"), r.U16("elevation")) : null;
        var payload = r.Bytes("payload", _maxBodyBytes);
        r.ExpectEnd();
        var signed = _partition.AugmentAndSign(new SignRequest(psid, payload, location, signer));
        w.U8((byte)signed.Level).U16((ushort)signed.Detectors).U32(signed.MessageCounter).Bool(signed.ReportIncluded).U8((byte)signed.SendingOption)
            .Bytes(signed.Spdu);
    }

    private static SignerChoice SignerOf(ByteReader r, bool allowSelf)
    {
        var at = r.Offset;
        return r.U8("signer") switch
        {
            0 => SignerChoice.Digest,
            1 => SignerChoice.Certificate,
            2 when allowSelf => SignerChoice.Self,
            var v => throw r.Fail("signer", at, $"signer {v} is not allowed here"),
        };
    }

    private static void WritePosture(ByteWriter w, PostureStatus s) => PostureStatusCodec.Write(w, s);
}
