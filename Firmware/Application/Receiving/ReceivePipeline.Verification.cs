using Firmware.Application.Trust;
using V2x.Security.Crypto;
using V2x.Time;

namespace Firmware.Application.Receiving;

public sealed partial class ReceivePipeline
{
    private enum Verification
    {
        Verify,
        SkipBackedOff,
        SkipOnDemand,
    }

    // Under the gate. A backed-off ticket's frame is verified when it is actionable, when the queue ran it with
    // spare capacity, or within the ticket's sampling budget; otherwise not at all. Verify-on-demand skips an
    // awareness-only frame of a ticket heard (verified) before, with no bad signature of an in-time frame remembered, that arrived in time
    // (VerifyOnDemandMaxAge), unless it is the one of its window drawn for verification.
    private Verification PlanVerification(PendingFrame pending, TrustedSigner signer, bool isNew, DateTimeOffset now)
    {
        if (_backoff.IsBackedOff(pending.Key, now))
        {
            return pending.Actionable || pending.Spare || _backoff.TryTakeSample(pending.Key, now) ? Verification.Verify : Verification.SkipBackedOff;
        }

        var onDemand = _load.VerifyOnDemand == VerifyOnDemandMode.Always || (_load.VerifyOnDemand == VerifyOnDemandMode.UnderLoad && pending.UnderLoad);
        if (!onDemand || pending.Actionable || isNew || !signer.Heard || _backoff.HasInTimeRecord(pending.Key, now) || Late(pending))
        {
            return Verification.Verify;
        }

        // Windows of N awareness messages per ticket, one of them verified, which one drawn at random when the window
        // opens: a sender cannot tell which of its frames will be checked.
        var every = _load.VerifyOnDemandSampleEvery;
        var position = (int)(signer.OnDemandCount++ % every);
        if (position == 0)
        {
            signer.OnDemandSample = Draw(every);
        }

        return position == signer.OnDemandSample ? Verification.Verify : Verification.SkipOnDemand;
    }

    // Arrived later after its generation than a frame straight from its sender does: a delayed copy is always verified.
    private bool Late(PendingFrame pending)
    {
        var received = Time64.FromUtc(pending.Facts.ReceivedAt);
        return received > pending.GenerationTime && received.Since(pending.GenerationTime) > _load.VerifyOnDemandMaxAge;
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
}
