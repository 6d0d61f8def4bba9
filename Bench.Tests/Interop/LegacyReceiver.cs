namespace Bench.Tests.Interop;

/// <summary>What the legacy receiver model decided about a frame.</summary>
internal enum LegacyVerdict
{
    /// <summary>Decoded, the signature verified, the chain anchored and consistent.</summary>
    Accepted,

    /// <summary>The SPDU could not be decoded (vanetza's router: Parse_Secured_Header).</summary>
    Undecodable,

    /// <summary>Signed by digest with a certificate not heard before (vanetza: Signer_Certificate_Not_Found).</summary>
    UnknownSigner,

    /// <summary>The signature does not verify over the re-encoded ToBeSignedData (vanetza: False_Signature).</summary>
    BadSignature,

    /// <summary>The chain does not lead to a trusted root (vanetza: Untrusted).</summary>
    Untrusted,

    /// <summary>A link breaks a consistency rule: time, permission, assurance, region (vanetza: InconsistentChain).</summary>
    InconsistentChain,
}

/// <summary>A decision of the legacy receiver model, with what it was about.</summary>
internal sealed record LegacyResult(LegacyVerdict Verdict, string Detail);

/// <summary>
/// An independent model of a deployed ETSI C-ITS receiver (IEEE 1609.2-2016 / TS 103 097 security, asn1c runtime),
/// as riebl/vanetza was observed to behave (Docs/interop.md): it decodes with <see cref="LegacyOer"/> (an unknown
/// HeaderInfo addition is skipped by its length prefix only), hashes a ToBeSignedData re-encoded from what it
/// decoded (<see cref="LegacySpdu.ReencodeToBeSigned"/>), learns tickets from certificate-bearing messages, and
/// checks each link of the chain to a trusted root: the issuer's signature, validity nesting, the message's PSID in
/// the ticket and within what the issuer may issue, issuer assuranceLevel not below the subject's, and a subject
/// region only under an issuer without one (two identified regions cannot be compared). It checks no freshness and
/// no replay, and does not decode the facilities message (vanetza's own CAM/DENM decoders are measured instead).
/// </summary>
internal sealed class LegacyReceiver
{
    private readonly Dictionary<string, LegacyCertificate> _roots = [];
    private readonly Dictionary<string, LegacyCertificate> _cas = [];
    private readonly Dictionary<string, LegacyCertificate> _tickets = [];

    private readonly bool _skipRepaired;

    /// <summary>A receiver trusting <paramref name="roots"/> and knowing the CA certificates <paramref name="cas"/> (as a stack's trust store and issuer look-up).</summary>
    /// <param name="roots">Trusted root certificates.</param>
    /// <param name="cas">CA certificates known out of band.</param>
    /// <param name="skipRepaired">Skip an unknown HeaderInfo addition whole instead of by its length prefix only (the decoder defect repaired).</param>
    public LegacyReceiver(IEnumerable<ReadOnlyMemory<byte>> roots, IEnumerable<ReadOnlyMemory<byte>> cas, bool skipRepaired = false)
    {
        _skipRepaired = skipRepaired;
        foreach (var root in roots)
        {
            var c = LegacyCertificate.Read(new LegacyOer(root));
            _roots[c.Digest] = c;
        }

        foreach (var ca in cas)
        {
            var c = LegacyCertificate.Read(new LegacyOer(ca));
            _cas[c.Digest] = c;
        }
    }

    public LegacyResult Receive(ReadOnlyMemory<byte> frame)
    {
        LegacySpdu spdu;
        try
        {
            spdu = LegacySpdu.Decode(frame, _skipRepaired);
        }
        catch (LegacyDecodeException e)
        {
            return new LegacyResult(LegacyVerdict.Undecodable, e.Message);
        }

        var ticket = spdu.SignerCertificate;
        if (ticket is null && (spdu.SignerDigest is null || !_tickets.TryGetValue(spdu.SignerDigest, out ticket)))
        {
            return new LegacyResult(LegacyVerdict.UnknownSigner, $"digest {spdu.SignerDigest}");
        }

        if (!spdu.Signature.Verifies(ticket.Key, spdu.ReencodeToBeSigned(), ticket.Encoded.Span))
        {
            return new LegacyResult(LegacyVerdict.BadSignature, spdu.UnknownAdditions > 0
                ? $"{spdu.UnknownAdditions} unknown HeaderInfo addition(s) lost in the re-encoding"
                : "signature over the re-encoded ToBeSignedData");
        }

        var now = (uint)((spdu.GenerationTime ?? 0) / 1_000_000);
        if (Chain(ticket, spdu.Psid, now) is { } broken)
        {
            return broken;
        }

        if (spdu.SignerCertificate is { } carried)
        {
            _tickets[carried.Digest] = carried;
        }

        return new LegacyResult(LegacyVerdict.Accepted, "");
    }

    private LegacyResult? Chain(LegacyCertificate ticket, ulong psid, uint now)
    {
        if (now < ticket.ValidityStart || now > ticket.ValidityEnd)
        {
            return new LegacyResult(LegacyVerdict.InconsistentChain, "ticket not valid at the generation time");
        }

        if (!ticket.AppPsids.Contains(psid))
        {
            return new LegacyResult(LegacyVerdict.InconsistentChain, $"ticket does not permit PSID {psid}");
        }

        var subject = ticket;
        for (var depth = 0; depth < 8; depth++)
        {
            if (subject.IssuerDigest is null)
            {
                return _roots.ContainsKey(subject.Digest) ? null : new LegacyResult(LegacyVerdict.Untrusted, "self-signed, not a trusted root");
            }

            if (!_cas.TryGetValue(subject.IssuerDigest, out var issuer) && !_roots.TryGetValue(subject.IssuerDigest, out issuer))
            {
                return new LegacyResult(LegacyVerdict.Untrusted, $"issuer {subject.IssuerDigest} unknown");
            }

            if (Link(subject, issuer, psid) is { } detail)
            {
                return new LegacyResult(LegacyVerdict.InconsistentChain, $"{subject.Digest} under {issuer.Digest}: {detail}");
            }

            subject = issuer;
        }

        return new LegacyResult(LegacyVerdict.Untrusted, "chain longer than 8");
    }

    private static string? Link(LegacyCertificate subject, LegacyCertificate issuer, ulong psid)
    {
        if (!subject.Signature.Verifies(issuer.Key, subject.ToBeSigned.Span, issuer.Encoded.Span))
        {
            return "the issuer's signature does not verify";
        }

        if (subject.ValidityStart < issuer.ValidityStart || subject.ValidityEnd > issuer.ValidityEnd)
        {
            return "validity outside the issuer's";
        }

        if (issuer.IssuablePsids is { } issuable && !issuable.Contains(psid))
        {
            return $"the issuer may not issue PSID {psid}";
        }

        if (subject.AssuranceLevel is { } s)
        {
            // vanetza check_assurance_consistency: level in bits 7-5, then bits 4-2 as the confidence.
            if (issuer.AssuranceLevel is not { } i)
            {
                return "a subject assuranceLevel under an issuer without one";
            }

            if ((s >> 5) > (i >> 5) || ((s >> 5) == (i >> 5) && ((s >> 2) & 7) > ((i >> 2) & 7)))
            {
                return $"assuranceLevel 0x{s:x2} above the issuer's 0x{i:x2}";
            }
        }

        // vanetza region_is_within: an issuer without a region restricts nothing; otherwise the subject needs one
        // within it, which two identified (country list) regions never are for this checker.
        if (issuer.Region is not null)
        {
            return subject.Region is null ? "no region under an issuer with one" : $"cannot place a {subject.Region} region within a {issuer.Region} one";
        }

        return null;
    }
}
