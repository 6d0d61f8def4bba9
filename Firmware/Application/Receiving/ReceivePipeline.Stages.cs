using Firmware.Application.Decisions;
using Firmware.Application.Replay;
using Firmware.Application.Trust;
using V2x;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Stack;
using V2x.Time;

namespace Firmware.Application.Receiving;

public sealed partial class ReceivePipeline
{
    // Runs the stages on one frame (under the gate) and adds its result, and the results of frames it
    // releases, to `decided`. `receivedAt` is when the frame arrived (freshness is judged then, so a frame
    // that waited for a certificate is not aged by the wait); `now` is the time of this evaluation.
    private ReceiveResult Evaluate(ReadOnlyMemory<byte> frame, string source, DateTimeOffset receivedAt, DateTimeOffset now, DateTimeOffset? deadline,
        List<ReceiveResult> decided)
    {
        var result = EvaluateStages(frame, source, receivedAt, now, deadline, out var admitted);
        decided.Add(result);
        if (admitted is { } digest)
        {
            ReleaseLocked(digest, now, decided);
        }

        return result;
    }

    private ReceiveResult EvaluateStages(ReadOnlyMemory<byte> frame, string source, DateTimeOffset receivedAt, DateTimeOffset now, DateTimeOffset? deadline,
        out HashedId8? admitted)
    {
        admitted = null;
        var facts = new ReceiveResult
        {
            DecidedAt = now,
            ReceivedAt = receivedAt,
            Source = source,
            Outcome = ReceiveOutcome.Rejected,
            Stage = ReceiveStage.Decode,
            Reason = ReceiveReason.None,
            Decision = TrustDecision.Discard,
        };

        // 1. Decode: every layer, nothing verified yet.
        DecodedFrame d;
        try
        {
            d = FrameDecoder.Decode(frame);
        }
        catch (DecodeException e)
        {
            return Reject(facts, ReceiveStage.Decode, ReceiveReason.Malformed, $"{e.FieldPath} at octet {e.ByteOffset}: {e.Reason}");
        }
        catch (FrameRejectedException e)
        {
            return Reject(facts, ReceiveStage.Decode, e.Reason, e.Message);
        }

        var generation = d.Header.GenerationTime!.Value;
        facts = facts with
        {
            Psid = d.Psid,
            StationId = d.StationId,
            GenerationTime = generation.ToUtc(),
            ReportLevel = d.Report?.Level,
            Counter = d.Report?.MessageCounter,
        };

        // 1 (cont.) The station's own message reflected back: its recent tickets, its GN addresses (both signed),
        // whatever the unsigned Ethernet source says (EN 302 636-4-1 §10.2.1.5). Checked before any ECDSA.
        if (_options.Own is { } own)
        {
            if (d.SignerDigest is { } mine && own.IsOwnSigner(mine))
            {
                return Reject(facts with { Signer = mine }, ReceiveStage.Decode, ReceiveReason.OwnMessage, $"signed by this station's own ticket {mine}");
            }

            if (d.SourceMid is { } mid && own.IsOwnAddress(mid))
            {
                return Reject(facts, ReceiveStage.Decode, ReceiveReason.OwnMessage, $"from this station's own GeoNetworking address (MID {mid})");
            }
        }

        // 2. Signer: the ticket chains to the trusted root (validated once, then cached by HashedId8).
        TrustedSigner signer;
        var isNew = false;
        var named = d.Signed.Signer;
        switch (named.Kind)
        {
            case SignerKind.Digest:
                if (!Trust.TryGetSigner(named.Digest, out signer))
                {
                    return Defer(facts with { Signer = named.Digest }, named.Digest, ReceiveReason.UnknownSigner, frame, deadline, now);
                }

                break;
            case SignerKind.Certificate when named.Certificates.Count == 1:
                var carried = named.Certificates[0];
                if (Trust.TryGetSigner(carried.HashedId8, out signer))
                {
                    break;
                }

                facts = facts with { Signer = carried.HashedId8 };
                if (!carried.Issuer.IsSelf && !Trust.IsTrustedCa(carried.Issuer.Digest))
                {
                    return Defer(facts, carried.Issuer.Digest, ReceiveReason.UnknownIssuer, frame, deadline, now);
                }

                try
                {
                    signer = Trust.ValidateSigner(carried, generation);
                    isNew = true;
                }
                catch (TrustException e)
                {
                    var reason = e.Failure switch
                    {
                        TrustFailure.NotValidAtTime => ReceiveReason.CertificateNotValid,
                        TrustFailure.Unusable => ReceiveReason.UnusableCertificate,
                        TrustFailure.UnknownIssuer => ReceiveReason.UnknownIssuer,
                        _ => ReceiveReason.ChainInvalid,
                    };
                    return Reject(facts, ReceiveStage.Signer, reason, e.Message);
                }

                break;
            default:
                return Reject(facts, ReceiveStage.Signer, ReceiveReason.UnsupportedSigner,
                    $"signer {named.Kind} with {named.Certificates.Count} certificate(s): ITS messages name one ticket (TS 103 097 v2.1.1 §7.1)");
        }

        var committed = false;
        try
        {
            facts = facts with { Signer = signer.Digest, Assurance = signer.Assurance };
            var result = CheckSigned(facts, d, signer, generation, receivedAt, now);
            if (result.Outcome != ReceiveOutcome.Accepted)
            {
                return result;
            }

            // Every check passed: only now does the frame change state.
            Replay.Commit(signer.Digest, generation, d.Signed.Signature.R.X.Span, d.Report?.MessageCounter, now);
            if (isNew)
            {
                signer = Trust.AddSigner(signer);
                admitted = signer.Digest;
            }

            committed = true;
            var first = !signer.Heard;
            signer.Heard = true;
            return result with
            {
                FirstFromSigner = first,
                Frame = new ReceivedFrame(d.Link, d.Basic, new VerifiedSpdu(d.Data, d.Signed, signer.Signer), d.Packet, d.Btp, d.Cam, d.Denm, d.Report),
            };
        }
        finally
        {
            if (isNew && !committed)
            {
                signer.Dispose();
            }
        }
    }

    // Stages 2 (validity, region) to 9, for a resolved signer; changes nothing.
    private ReceiveResult CheckSigned(ReceiveResult facts, DecodedFrame d, TrustedSigner signer, Time64 generation, DateTimeOffset receivedAt, DateTimeOffset now)
    {
        // 2 (cont.) IEEE 1609.2: the message is generated within the ticket's validity (the chain nests around it) and region.
        if (!signer.Validity.Contains(generation))
        {
            return Reject(facts, ReceiveStage.Signer, ReceiveReason.CertificateNotValid,
                $"generated {generation.ToUtc():O}, the ticket is valid {signer.Validity.Start.ToUtc():O} to {signer.Validity.End.ToUtc():O}");
        }

        if (signer.Region is { } region)
        {
            if (d.Position is not { } p)
            {
                return Reject(facts, ReceiveStage.Signer, ReceiveReason.OutsideRegion, "the ticket has a region and the message no position");
            }

            if (!RegionCheck.Contains(region, p.Latitude, p.Longitude, _options.OperatingCountries))
            {
                return Reject(facts, ReceiveStage.Signer, ReceiveReason.OutsideRegion, $"position {p.Latitude / 1e7:F5}, {p.Longitude / 1e7:F5} is outside the ticket's {region.Kind} region");
            }
        }

        // 3. Revocation: one O(1) look-up per certificate of the chain; every issuing CA's CRL current.
        var chain = signer.Chain;
        for (var i = 0; i < chain.Count; i++)
        {
            if (Revocations.IsRevoked(chain[i]))
            {
                return Reject(facts, ReceiveStage.Revocation, ReceiveReason.Revoked,
                    i == 0 ? $"the ticket {chain[0]} is on a CRL" : $"CA {chain[i]} of the ticket's chain is on a CRL");
            }
        }

        if (_options.RequireCurrentCrls)
        {
            var nowTime = Time64.FromUtc(now);
            for (var i = 1; i < chain.Count; i++)
            {
                if (!Revocations.HasCurrentCrl(chain[i], nowTime))
                {
                    return Reject(facts, ReceiveStage.Revocation, ReceiveReason.CrlNotCurrent, $"no current CRL of CA {chain[i]} (fail closed)");
                }
            }
        }

        // 4. Permissions: the PSID in the ticket's appPermissions (IEEE 1609.2-2016 §5.2.4), the SSP for the content.
        if (signer.Permission(d.Psid) is not { } permission)
        {
            return Reject(facts, ReceiveStage.Permissions, ReceiveReason.PsidNotPermitted, $"the ticket does not permit PSID {d.Psid}");
        }

        if (SspCheck.Check(d.Psid, permission.Ssp, d) is { } sspProblem)
        {
            return Reject(facts, ReceiveStage.Permissions, ReceiveReason.SspNotPermitted, sspProblem);
        }

        // 5. Freshness of the signed generation time (per PSID), expiryTime, and a DENM's own validity.
        if (CheckFreshness(d, generation, receivedAt) is { } stale)
        {
            return Reject(facts, ReceiveStage.Freshness, stale.Reason, stale.Detail);
        }

        // 6. Replay: checked before the signature so a replay flood costs no ECDSA; recorded only on acceptance.
        var r = d.Signed.Signature.R.X.Span;
        switch (Replay.Check(signer.Digest, generation, r, d.Report?.MessageCounter, now))
        {
            case ReplayVerdict.Duplicate:
                return Reject(facts, ReceiveStage.Replay, ReceiveReason.Duplicate, "the same generation time and signature were accepted already");
            case ReplayVerdict.CounterReplayed:
                return Reject(facts, ReceiveStage.Replay, ReceiveReason.CounterReplayed, $"counter {d.Report!.MessageCounter} was seen from this ticket already");
            case ReplayVerdict.CounterTooOld:
                return Reject(facts, ReceiveStage.Replay, ReceiveReason.CounterTooOld,
                    $"counter {d.Report!.MessageCounter} is more than {CounterWindow.Size} behind the highest seen from this ticket");
        }

        // 7. Signature (IEEE 1609.2-2016 §5.3.1) with the ticket's cached key.
        if (!VerifySignature(d, signer))
        {
            return Reject(facts, ReceiveStage.Signature, ReceiveReason.BadSignature, "the signature does not verify with the ticket's key");
        }

        // 8. Fig. 8: the audit CA's IDF assurance in the ticket; the report readable and consistent with the message.
        if (signer.AssuranceMalformed)
        {
            return Reject(facts, ReceiveStage.Assurance, ReceiveReason.MalformedAssurance, "the ticket's IDF assurance permission (PSID 0x1E) has a malformed SSP");
        }

        if (d.Report is { } report)
        {
            if (report.ReportTime != generation)
            {
                return Reject(facts, ReceiveStage.Assurance, ReceiveReason.ReportInconsistent, "the report's time is not the message's generation time");
            }

            if ((report.Level == IntegrityLevel.NoAnomaly) != (report.Detectors == DetectorFlags.None))
            {
                return Reject(facts, ReceiveStage.Assurance, ReceiveReason.ReportInconsistent, $"level {report.Level} with detectors {report.Detectors}");
            }
        }

        // 9. The decision table (Docs/trust-decisions.md).
        var outcome = DecisionTable.Decide(signer.Assurance, d.Report, d.Psid, _options.Decisions);
        return facts with
        {
            Outcome = ReceiveOutcome.Accepted,
            Stage = ReceiveStage.Decision,
            Reason = ReceiveReason.None,
            Decision = outcome.Decision,
            Row = outcome.Row,
            Posture = outcome.Posture,
            Detail = outcome.Posture == PostureRow.None ? $"row {(int)outcome.Row} {outcome.Row}" : $"row {(int)outcome.Row} {outcome.Row}, posture P{(int)outcome.Posture} {outcome.Posture}",
        };
    }

    private (ReceiveReason Reason, string Detail)? CheckFreshness(DecodedFrame d, Time64 generation, DateTimeOffset receivedAt)
    {
        var window = _options.FreshnessOf(d.Psid);
        var at = Time64.FromUtc(receivedAt);
        if (generation < at && at.Since(generation) > window.MaxAge)
        {
            return (ReceiveReason.Stale, $"generated {at.Since(generation).TotalMilliseconds:F0} ms before reception, PSID {d.Psid} allows {window.MaxAge.TotalMilliseconds:F0} ms");
        }

        if (generation > at && generation.Since(at) > window.MaxAhead)
        {
            return (ReceiveReason.FromTheFuture, $"generated {generation.Since(at).TotalMilliseconds:F0} ms ahead of the receiver's clock, PSID {d.Psid} allows {window.MaxAhead.TotalMilliseconds:F0} ms");
        }

        // IEEE 1609.2 HeaderInfo.expiryTime.
        if (d.Header.ExpiryTime is { } expiry && expiry <= at)
        {
            return (ReceiveReason.Expired, $"expiryTime {expiry.ToUtc():O} has passed");
        }

        // EN 302 637-3 v1.3.1: a DENM is valid for validityDuration after its detection time.
        if (d.Denm?.Denm.Management is { } m && m.DetectionTime.ToTime64().Add(TimeSpan.FromSeconds(m.ValidityDurationSeconds)) <= at)
        {
            return (ReceiveReason.Expired, $"the DENM's validity ({m.ValidityDurationSeconds} s from detection {m.DetectionTime.ToUtc():O}) has ended");
        }

        return null;
    }

    private static bool VerifySignature(DecodedFrame d, TrustedSigner signer)
    {
        var signature = d.Signed.Signature;
        var key = signer.Signer.Key;
        if (signature.Algorithm != key.Algorithm || d.Signed.HashId != SignatureInput.HashFor(signature.Algorithm))
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[32];
        SignatureInput.ComputeDigest(signature.Algorithm, d.Signed.TbsData.CanonicalEncoding().Span, signer.Signer.SignerHash, key.Sm2Z, digest);
        return key.VerifyDigest(digest, signature.R.X.Span, signature.S.Span);
    }

    private static ReceiveResult Reject(ReceiveResult facts, ReceiveStage stage, ReceiveReason reason, string detail) =>
        facts with { Outcome = ReceiveOutcome.Rejected, Stage = stage, Reason = reason, Detail = detail, Decision = TrustDecision.Discard };
}
