using System.Globalization;
using Firmware.Application.Decisions;
using Firmware.Application.Replay;
using Firmware.Application.Trust;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Signing;
using V2x.Stack;
using V2x.Time;

namespace Firmware.Application.Receiving;

public sealed partial class ReceivePipeline
{
    // Runs stages 2-9 on a frame in its signer's turn and adds its result, and the results of the frames it
    // releases (waiting for this signer's certificate: the same signer, so the same turn), to `decided`.
    private ReceiveResult Evaluate(PendingFrame pending, List<ReceiveResult> decided)
    {
        var now = _options.Clock.GetUtcNow();
        var result = EvaluateStages(pending, now, decided, out var admitted);
        decided.Add(result);
        if (admitted is { } digest)
        {
            List<Waiting>? released;
            lock (_gate)
            {
                released = TakeWaitingLocked(digest);
            }

            foreach (var w in released ?? [])
            {
                if (Readmit(w, now) is { } again)
                {
                    Evaluate(again, decided);
                }
            }
        }

        return result;
    }

    private ReceiveResult EvaluateStages(PendingFrame pending, DateTimeOffset now, List<ReceiveResult> decided, out HashedId8? admitted)
    {
        admitted = null;
        var d = pending.Decoded;
        var facts = pending.Facts;
        var generation = pending.GenerationTime;

        // 2. Signer: the ticket chains to the trusted root (validated once, then cached by HashedId8). A chain is
        // validated outside the gate.
        TrustedSigner? signer;
        Certificate? toValidate = null;
        var isNew = false;
        var plan = Verification.Verify;
        var score = 0.0;
        var named = d.Signed.Signer;

        // The common case, a ticket the trust store caches, is resolved and checked through stage 5 without the gate
        // (those checks read only the signer and the CRLs, and change nothing); the gate is taken for stage 6 and
        // the verification plan only. The workers then hold it for a few hash look-ups per frame, so they do not
        // queue behind each other (or behind Submit) on every core.
        // The checks read only the facts of the frame's arrival, so this path leaves them as admission built them and
        // stamps the signer's on the result it returns (one copy of the result a message, not two).
        if (Trust.TryGetSigner(pending.Key, out signer))
        {
            if (PreCheck(facts, pending, signer, now) is { } early)
            {
                return Stamped(early, signer, now);
            }

            lock (_gate)
            {
                if (ReplayAndPlanLocked(facts, pending, signer, isNew: false, now, out plan, out score) is { } replayed)
                {
                    return Stamped(replayed, signer, now);
                }
            }

            return Decide(pending, facts, signer, isNew: false, owned: false, now, plan, score, out admitted, stamped: false);
        }

        facts = facts with { DecidedAt = now };
        lock (_gate)
        {
            if (named.Kind == SignerKind.Digest)
            {
                if (!Trust.TryGetSigner(named.Digest, out signer))
                {
                    return Defer(pending, facts with { Signer = named.Digest }, named.Digest, ReceiveReason.UnknownSigner, now, decided);
                }
            }
            else if (!Trust.TryGetSigner(pending.Key, out signer))
            {
                var carried = named.Certificates[0];
                facts = facts with { Signer = pending.Key };
                if (_failedCertificates.TryGet(pending.Key, out var failure, out var detail))
                {
                    Statistics.CountRememberedFailure();
                    return Reject(facts, ReceiveStage.Signer, ReasonOf(failure), $"{detail} (remembered: not validated again)");
                }

                if (!carried.Issuer.IsSelf && !Trust.IsTrustedCa(carried.Issuer.Digest))
                {
                    return Defer(pending, facts, carried.Issuer.Digest, ReceiveReason.UnknownIssuer, now, decided);
                }

                isNew = true;
                if (!_backoff.TryGetValidated(pending.Key, out signer))
                {
                    toValidate = carried;
                }
            }

            // A ticket cached since the look-up above, or validated already (its frames' signatures failed): stages
            // 2 (cont.) to 6 in the same section.
            if (toValidate is null)
            {
                facts = facts with { Signer = signer!.Digest, Assurance = signer.Assurance, ChainHashedAsSent = signer.ChainHashedAsSent };
                if (PreCheckLocked(facts, pending, signer, isNew, now, out plan, out score) is { } early)
                {
                    return early;
                }
            }
        }

        if (toValidate is not null)
        {
            Statistics.CountChainValidation();
            try
            {
                signer = Trust.ValidateSigner(toValidate, generation);
            }
            catch (TrustException e)
            {
                lock (_gate)
                {
                    _failedCertificates.Add(pending.Key, e.Failure, e.Message);
                }

                return Reject(facts, ReceiveStage.Signer, ReasonOf(e.Failure), e.Message);
            }
        }

        if (toValidate is not null)
        {
            facts = facts with { Signer = signer!.Digest, Assurance = signer.Assurance, ChainHashedAsSent = signer.ChainHashedAsSent };
            ReceiveResult? early;
            lock (_gate)
            {
                early = PreCheckLocked(facts, pending, signer, isNew, now, out plan, out score);
            }

            if (early is not null)
            {
                signer.Dispose();
                return early;
            }
        }

        return Decide(pending, facts, signer!, isNew, owned: toValidate is not null, now, plan, score, out admitted, stamped: true);
    }

    // A result of the cached-ticket path with the signer's facts and the time of the decision.
    private static ReceiveResult Stamped(ReceiveResult result, TrustedSigner signer, DateTimeOffset now) =>
        result with { DecidedAt = now, Signer = signer.Digest, Assurance = signer.Assurance, ChainHashedAsSent = signer.ChainHashedAsSent };

    // Stages 7 to 9 (outside the gate) and, for an accepted frame, the replay state and the trust store changed under
    // it. `owned`: the signer's chain was validated for this frame and is disposed unless it was kept. `stamped`: the
    // facts carry the signer's already (else a rejection is stamped here; the accepted result always is).
    private ReceiveResult Decide(PendingFrame pending, ReceiveResult facts, TrustedSigner signer, bool isNew, bool owned, DateTimeOffset now,
        Verification plan, double score, out HashedId8? admitted, bool stamped)
    {
        admitted = null;
        var d = pending.Decoded;
        var generation = pending.GenerationTime;
        try
        {
            var rejected = Conclude(facts, pending, signer, isNew, now, plan, score, out var verified, out var kept, out var outcome);
            owned &= !kept;
            if (rejected is not null)
            {
                return stamped ? rejected : Stamped(rejected, signer, now);
            }

            // Every check passed: only now does the frame change state, and only a verified frame moves the replay state.
            var first = false;
            lock (_gate)
            {
                if (!verified)
                {
                    // Verify-on-demand: nothing of the replay state moves; a copy of this frame is a duplicate all the same.
                    _unverifiedSeen.Add(generation, pending.SignatureR, Time64.FromUtc(now));
                }
                else if (Replay.Check(signer.Digest, generation, pending.SignatureR, d.Report?.MessageCounter, now) != ReplayVerdict.Fresh)
                {
                    // The duplicate check again: the turn orders this signer's frames, not a copy under another signer.
                    var duplicate = Reject(facts, ReceiveStage.Replay, ReceiveReason.Duplicate, "the same message was accepted while this one was verified");
                    return stamped ? duplicate : Stamped(duplicate, signer, now);
                }
                else
                {
                    Replay.Commit(signer.Digest, generation, pending.SignatureR, d.Report?.MessageCounter, now);
                    if (isNew)
                    {
                        signer = Trust.AddSigner(signer);
                        _backoff.ForgetValidated(pending.Key);
                        admitted = signer.Digest;
                    }

                    owned = false;
                    first = !signer.Heard;
                    signer.Heard = true;

                    // Only a verified CAM moves the ticket's newest: an unverified one (a forgery, perhaps, dated ahead)
                    // could otherwise make the sender's genuine next CAMs look superseded.
                    if (d.Psid == Psid.Cam)
                    {
                        var newest = _newestCam.GetOrCreateValue(signer);
                        if (generation > newest.At)
                        {
                            newest.At = generation;
                        }
                    }
                }
            }

            return facts with
            {
                DecidedAt = now,
                Signer = signer.Digest,
                Assurance = signer.Assurance,
                ChainHashedAsSent = signer.ChainHashedAsSent,
                Outcome = ReceiveOutcome.Accepted,
                Stage = ReceiveStage.Decision,
                Reason = ReceiveReason.None,
                Decision = outcome.Decision,
                Row = outcome.Row,
                Posture = outcome.Posture,
                Unverified = !verified,
                Detail = AcceptedDetail.Of(outcome, verified),
                FirstFromSigner = first,
                Frame = new ReceivedFrame(d.Link, d.Basic, new VerifiedSpdu(d.Data, d.Signed, signer.Signer), d.Packet, d.Btp, d.Cam, d.Denm, d.Report),
            };
        }
        finally
        {
            if (owned)
            {
                signer.Dispose();
            }
        }
    }

    // Under the gate: stage 6 (the replay state) and whether the signature is to be verified. A rejection, or null
    // to go on. Changes nothing but the plan's budgets (a sampling token, the verify-on-demand window).
    private ReceiveResult? ReplayAndPlanLocked(ReceiveResult facts, PendingFrame pending, TrustedSigner signer, bool isNew, DateTimeOffset now,
        out Verification plan, out double score)
    {
        plan = Verification.Verify;
        score = 0;
        var d = pending.Decoded;
        var generation = pending.GenerationTime;

        // 6. Replay: checked before the signature so a replay flood costs no ECDSA; recorded only on acceptance.
        switch (Replay.Check(signer.Digest, generation, pending.SignatureR, d.Report?.MessageCounter, now))
        {
            case ReplayVerdict.Duplicate:
                return Reject(facts, ReceiveStage.Replay, ReceiveReason.Duplicate, "the same generation time and signature were accepted already");
            case ReplayVerdict.CounterReplayed:
                return Reject(facts, ReceiveStage.Replay, ReceiveReason.CounterReplayed, $"counter {d.Report!.MessageCounter} was seen from this ticket already");
            case ReplayVerdict.CounterTooOld:
                return Reject(facts, ReceiveStage.Replay, ReceiveReason.CounterTooOld,
                    $"counter {d.Report!.MessageCounter} is more than {CounterWindow.Size} behind the highest seen from this ticket");
        }

        // A CAM older than the newest accepted from this ticket: the sender's CAMs leave in order (EN 302 637-2 §6.1.3),
        // so this is a delayed copy (a relay of a frame this receiver missed, altered or not) and no longer the state.
        // Not for a frame released from the certificate wait: the receiver itself decided the certificate-bearing frame
        // that released it first.
        if (d.Psid == Psid.Cam && pending.Deadline is null && _newestCam.TryGetValue(signer, out var newest) && generation < newest.At)
        {
            return Reject(facts, ReceiveStage.Replay, ReceiveReason.Superseded,
                string.Create(CultureInfo.InvariantCulture, $"generated {newest.At.Since(generation).TotalMilliseconds:F0} ms before the newest CAM accepted from this ticket"));
        }

        // Verify-on-demand: a message decided without verification is not decided again (its copy carries the
        // same signed content), though the replay state never learnt it.
        if (_unverifiedSeen.Contains(generation, pending.SignatureR))
        {
            return Reject(facts, ReceiveStage.Replay, ReceiveReason.Duplicate, "the same generation time and signature were decided already (unverified, verify-on-demand)");
        }

        // Whether this frame's signature is verified (back-off, verify-on-demand).
        plan = PlanVerification(pending, signer, isNew, now);
        score = plan == Verification.SkipBackedOff ? _backoff.Score(pending.Key, now) : 0;
        return null;
    }

    // Outside the gate: stages 7 to 9 for a frame that passed stages 2 to 6: a rejection, or null and the decision;
    // changes nothing but the memory of bad signatures (`kept`: this frame's newly validated chain went into it).
    private ReceiveResult? Conclude(ReceiveResult facts, PendingFrame pending, TrustedSigner signer, bool isNew, DateTimeOffset now, Verification plan,
        double score, out bool verified, out bool kept, out DecisionOutcome outcome)
    {
        verified = false;
        kept = false;
        outcome = default;
        var d = pending.Decoded;
        var generation = pending.GenerationTime;

        // 7. Signature (IEEE 1609.2-2016 §5.3.1) with the ticket's cached key, on this core, outside the lock.
        switch (plan)
        {
            case Verification.SkipBackedOff:
                Statistics.CountBackedOff();
                return Reject(facts, ReceiveStage.Signature, ReceiveReason.BackedOff,
                    $"not verified: {score:F1} bad signatures (decayed) under this ticket; its frames are sampled at {_load.BackoffSamplesPerSecond:0.#}/s until the score falls below {_load.BackoffThreshold}");
            case Verification.SkipOnDemand:
                Statistics.CountUnverified();
                break;
            default:
                Statistics.CountSignatureVerification();
                if (!VerifySignature(d, signer))
                {
                    lock (_gate)
                    {
                        kept = isNew && !_backoff.TryGetValidated(pending.Key, out _);
                        _backoff.RecordBad(pending.Key, now, isNew ? signer : null, inTime: !Late(pending));
                    }

                    return Reject(facts, ReceiveStage.Signature, ReceiveReason.BadSignature, "the signature does not verify with the ticket's key");
                }

                verified = true;
                break;
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

        // 9. The decision table (Docs/trust-decisions.md); the accepted result is built once, by Decide.
        outcome = DecisionTable.Decide(signer.Assurance, d.Report, d.Psid, _options.Decisions);
        return null;
    }

    private static ReceiveReason ReasonOf(TrustFailure failure) => failure switch
    {
        TrustFailure.NotValidAtTime => ReceiveReason.CertificateNotValid,
        TrustFailure.Unusable => ReceiveReason.UnusableCertificate,
        TrustFailure.UnknownIssuer => ReceiveReason.UnknownIssuer,
        _ => ReceiveReason.ChainInvalid,
    };

    private static ReceiveResult Reject(ReceiveResult facts, ReceiveStage stage, ReceiveReason reason, string detail) =>
        facts with { Outcome = ReceiveOutcome.Rejected, Stage = stage, Reason = reason, Detail = detail, Decision = TrustDecision.Discard };
}
