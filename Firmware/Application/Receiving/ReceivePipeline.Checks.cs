using System.Globalization;
using Firmware.Application.Composition;
using Firmware.Application.Trust;
using V2x.GeoNetworking;
using V2x.Time;

namespace Firmware.Application.Receiving;

// Stages 2 to 5 of a frame whose signer is resolved (validity, region, CRLs, permissions, SSP, freshness): they read
// and change nothing shared, so they run outside the gate; and stage 6 with the verification plan, under it.
public sealed partial class ReceivePipeline
{
    // Under the gate: stages 2 (validity, region) to 6 for a resolved signer, all cheap, and whether its signature is
    // to be verified; a rejection, or null to go on. Changes nothing but the plan's budgets (a sampling token, the
    // verify-on-demand window).
    private ReceiveResult? PreCheckLocked(ReceiveResult facts, PendingFrame pending, TrustedSigner signer, bool isNew, DateTimeOffset now,
        out Verification plan, out double score)
    {
        plan = Verification.Verify;
        score = 0;
        return PreCheck(facts, pending, signer, now) ?? ReplayAndPlanLocked(facts, pending, signer, isNew, now, out plan, out score);
    }

    // Stages 2 (validity, region) to 5 for a resolved signer: they read only the signer's certificates, the CRLs
    // (lock-free reads) and the frame, and change nothing, so they need no lock. A rejection, or null to go on.
    private ReceiveResult? PreCheck(ReceiveResult facts, PendingFrame pending, TrustedSigner signer, DateTimeOffset now)
    {
        var d = pending.Decoded;
        var generation = pending.GenerationTime;

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
        if (CheckFreshness(d, generation, facts.ReceivedAt) is { } stale)
        {
            return Reject(facts, ReceiveStage.Freshness, stale.Reason, stale.Detail);
        }

        // 5 (cont.) Relevance of the place (IEEE 1609.2's relevance check of the generation location; ETSI TS 103 759 range plausibility): a single-hop
        // packet is heard only within radio range of where its sender signed it.
        if (TooFar(d) is { } far)
        {
            return Reject(facts, ReceiveStage.Freshness, ReceiveReason.TooFar, far);
        }

        return null;
    }

    private string? TooFar(DecodedFrame d)
    {
        if (_options.MaxSingleHopDistanceMetres is not { } limit || d.Packet.Extended is not (SingleHopBroadcastHeader or BeaconHeader)
            || d.Position is not { } p || _options.OwnPosition?.Invoke() is not { } own)
        {
            return null;
        }

        var distance = GeoMath.DistanceMetres(own.Latitude, own.Longitude, p.Latitude / 1e7, p.Longitude / 1e7);
        return distance > limit
            ? string.Create(CultureInfo.InvariantCulture, $"single-hop packet signed {distance:F0} m from this receiver, beyond the {limit:F0} m a sender is heard (relayed)")
            : null;
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
}
