using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Signing;
using V2x.Time;

namespace PkiProtocol.Trust;

/// <summary>
/// Validates a certificate chain up to a trusted root with the wire-format verification code
/// (<see cref="SpduVerifier.VerifyCertificate"/> for every link), and the rules around it: validity
/// periods at the checking time and nested in the issuer's (IEEE 1609.2-2016 §5.1.2), appPermissions
/// covered by the issuer's certIssuePermissions with the right end-entity type (§5.1.2.4, §6.4.28), chain
/// length, and revocation by the CRL of each issuing CA (ETSI TS 102 941 v1.4.1 §6.3.3: entries by HashedId8).
/// </summary>
public sealed class ChainValidator
{
    private const int MaxDepth = 4;

    private readonly Dictionary<HashedId8, Certificate> _known = [];
    private readonly Dictionary<HashedId8, ToBeSignedCrl> _crls = [];

    /// <summary>A validator rooted at <paramref name="root"/>.</summary>
    /// <param name="root">The trust anchor: self-signed, its signature verifying.</param>
    /// <param name="acceptAsSentHashing">
    /// Accept links that verify only with <see cref="CertificateHashing.AsSent"/> (a CA named by the hash of its
    /// non-canonical encoding, a signature over it). A local policy (Docs/trust-decisions.md, "Chains hashed as
    /// sent"); default false: such a link is refused with <see cref="PkiFailure.NonCanonicalCertificate"/>.
    /// </param>
    public ChainValidator(Certificate root, bool acceptAsSentHashing = false)
    {
        ArgumentNullException.ThrowIfNull(root);
        AcceptsAsSentHashing = acceptAsSentHashing;
        if (!root.Issuer.IsSelf || Verify(root, null) != VerificationFailure.None)
        {
            throw new ArgumentException("the trusted root is a self-signed certificate whose signature verifies", nameof(root));
        }

        Root = root;
        Register(root);
    }

    public Certificate Root { get; }

    /// <summary>Whether links hashed as sent (not canonically) are accepted.</summary>
    public bool AcceptsAsSentHashing { get; }

    /// <summary>Makes an intermediate CA certificate available for chain building (it is validated with every chain through it).</summary>
    public void AddCertificate(Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Register(certificate);
    }

    /// <summary>
    /// Whether a link verifies, and how: <see cref="CertificateHashing.Canonical"/> (IEEE 1609.2), else
    /// <see cref="CertificateHashing.AsSent"/> when only the encodings as received verify, else null.
    /// </summary>
    public static CertificateHashing? LinkHashing(Certificate certificate, Certificate? issuer)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (SpduVerifier.VerifyCertificate(certificate, issuer) == VerificationFailure.None)
        {
            return CertificateHashing.Canonical;
        }

        return SpduVerifier.VerifyCertificate(certificate, issuer, CertificateHashing.AsSent) == VerificationFailure.None ? CertificateHashing.AsSent : null;
    }

    /// <summary>Adds the CRL of the CA <paramref name="issuer"/> (already verified, see <see cref="CrlMessages.Verify"/>).</summary>
    public void AddCrl(HashedId8 issuer, Messages.ToBeSignedCrl crl)
    {
        ArgumentNullException.ThrowIfNull(crl);
        _crls[issuer] = new ToBeSignedCrl(crl.ThisUpdate, crl.NextUpdate, [.. crl.Entries]);
    }

    /// <summary>
    /// Validates <paramref name="leaf"/> at <paramref name="time"/>. With <paramref name="requireCrls"/>, every
    /// issuing CA must have a current CRL (fail closed); without, revocation is checked against the CRLs held.
    /// Returns the chain, leaf first.
    /// </summary>
    /// <exception cref="PkiException">ChainInvalid, CertificateExpired or CertificateRevoked.</exception>
    public IReadOnlyList<Certificate> Validate(Certificate leaf, Time64 time, bool requireCrls) => Validate(leaf, time, requireCrls, out _);

    /// <summary>
    /// <see cref="Validate(Certificate, Time64, bool)"/>, saying whether some link verified only hashed as sent
    /// (possible only when <see cref="AcceptsAsSentHashing"/>).
    /// </summary>
    /// <exception cref="PkiException">ChainInvalid, NonCanonicalCertificate, CertificateExpired or CertificateRevoked.</exception>
    public IReadOnlyList<Certificate> Validate(Certificate leaf, Time64 time, bool requireCrls, out bool hashedAsSent)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        hashedAsSent = false;
        var chain = new List<Certificate> { leaf };
        var current = leaf;
        while (!current.Issuer.IsSelf)
        {
            if (chain.Count > MaxDepth)
            {
                throw new PkiException(PkiFailure.ChainInvalid, $"chain of {leaf.HashedId8} is longer than {MaxDepth}");
            }

            if (!_known.TryGetValue(current.Issuer.Digest, out var issuer))
            {
                throw new PkiException(PkiFailure.ChainInvalid, $"issuer {current.Issuer.Digest} of {current.HashedId8} is unknown");
            }

            hashedAsSent |= CheckLink(current, issuer, time, requireCrls);
            chain.Add(issuer);
            current = issuer;
        }

        if (current.HashedId8 != Root.HashedId8)
        {
            throw new PkiException(PkiFailure.ChainInvalid, $"chain of {leaf.HashedId8} ends at {current.HashedId8}, not at the trusted root");
        }

        CheckValidity(Root, time);
        CheckLengths(chain);
        return chain;
    }

    // Returns whether the link verified only hashed as sent.
    private bool CheckLink(Certificate certificate, Certificate issuer, Time64 time, bool requireCrls)
    {
        var failure = Verify(certificate, issuer);
        var asSent = false;
        if (failure != VerificationFailure.None)
        {
            // IEEE 1609.2-2016 §6.4.3: hashes and signatures are over the canonical encoding. A link that verifies
            // only over the octets as sent is a non-canonical chain: named, and refused unless the policy accepts it.
            if (LinkHashing(certificate, issuer) == CertificateHashing.AsSent)
            {
                throw new PkiException(PkiFailure.NonCanonicalCertificate,
                    $"{certificate.AsSentHashedId8} by {issuer.AsSentHashedId8} verifies only over the encodings as sent (not canonical, IEEE 1609.2 §6.4.3)");
            }

            throw new PkiException(PkiFailure.ChainInvalid, $"signature of {certificate.HashedId8} by {issuer.HashedId8}: {failure}");
        }

        asSent = AcceptsAsSentHashing && SpduVerifier.VerifyCertificate(certificate, issuer) != VerificationFailure.None;

        CheckValidity(certificate, time);
        var period = certificate.ToBeSigned.ValidityPeriod;
        var issuerPeriod = issuer.ToBeSigned.ValidityPeriod;
        if (period.Start.ToTime64() < issuerPeriod.Start.ToTime64() || period.End > issuerPeriod.End)
        {
            throw new PkiException(PkiFailure.ChainInvalid, $"validity of {certificate.HashedId8} exceeds its issuer's");
        }

        CheckPermissions(certificate, issuer);
        if (_crls.TryGetValue(issuer.HashedId8, out var crl))
        {
            if (requireCrls && crl.NextUpdate.ToTime64() <= time)
            {
                throw new PkiException(PkiFailure.ChainInvalid, $"the CRL of {issuer.HashedId8} is out of date (nextUpdate passed)");
            }

            if (crl.Entries.Contains(certificate.HashedId8))
            {
                throw new PkiException(PkiFailure.CertificateRevoked, $"{certificate.HashedId8} is on the CRL of {issuer.HashedId8}");
            }
        }
        else if (requireCrls)
        {
            throw new PkiException(PkiFailure.ChainInvalid, $"no CRL of {issuer.HashedId8} is held");
        }

        return asSent;
    }

    // The canonical check, and under the as-sent policy the as-sent one when the canonical fails.
    private VerificationFailure Verify(Certificate certificate, Certificate? issuer)
    {
        var failure = SpduVerifier.VerifyCertificate(certificate, issuer);
        return failure != VerificationFailure.None && AcceptsAsSentHashing
            ? SpduVerifier.VerifyCertificate(certificate, issuer, CertificateHashing.AsSent)
            : failure;
    }

    // Known by its canonical HashedId8, and under the as-sent policy also by the hash of its encoding as sent.
    private void Register(Certificate certificate)
    {
        _known[certificate.HashedId8] = certificate;
        if (AcceptsAsSentHashing && !certificate.IsCanonical)
        {
            _known[certificate.AsSentHashedId8] = certificate;
        }
    }

    private static void CheckValidity(Certificate certificate, Time64 time)
    {
        if (!certificate.ToBeSigned.ValidityPeriod.Contains(time))
        {
            throw new PkiException(PkiFailure.CertificateExpired, $"{certificate.HashedId8} is not valid at {time.ToUtc():O}");
        }
    }

    // 1609.2-2016 §5.1.2.4: each PSID of the subject is within a group of the issuer's certIssuePermissions,
    // and an end-entity certificate's type (app / enroll) is allowed by that group's eeType.
    private static void CheckPermissions(Certificate certificate, Certificate issuer)
    {
        var groups = issuer.ToBeSigned.CertIssuePermissions;
        if (groups is null || groups.Count == 0)
        {
            throw new PkiException(PkiFailure.ChainInvalid, $"issuer {issuer.HashedId8} has no certIssuePermissions");
        }

        var subject = certificate.ToBeSigned;
        var isCa = subject.CertIssuePermissions is not null;
        var eeType = subject.AppPermissions?.Any(p => p.Psid == Messages.PkiPsids.CertificateRequest) == true && !isCa
            && subject.AppPermissions.Count == 1
            ? EndEntityTypes.Enroll
            : EndEntityTypes.App;
        var psids = (subject.AppPermissions ?? []).Select(p => p.Psid)
            .Concat((subject.CertIssuePermissions ?? []).SelectMany(g => g.ExplicitPermissions?.Select(e => e.Psid) ?? []));
        foreach (var psid in psids)
        {
            var covered = groups.Any(g => (g.ExplicitPermissions is null || g.ExplicitPermissions.Any(e => e.Psid == psid))
                && (isCa || (g.EeType & eeType) != 0));
            if (!covered)
            {
                throw new PkiException(PkiFailure.ChainInvalid, $"psid {psid} of {certificate.HashedId8} is not within the certIssuePermissions of {issuer.HashedId8}");
            }
        }
    }

    // 1609.2-2016 §6.4.28: a CA's group allows chains of minChainLength..minChainLength+chainLengthRange below it.
    private static void CheckLengths(List<Certificate> chain)
    {
        for (var i = 1; i < chain.Count; i++)
        {
            var below = i;
            var groups = chain[i].ToBeSigned.CertIssuePermissions!;
            if (!groups.Any(g => g.ChainLengthRange == -1 || (below <= g.MinChainLength + g.ChainLengthRange)))
            {
                throw new PkiException(PkiFailure.ChainInvalid, $"{chain[i].HashedId8} may not have {below} certificate(s) below it");
            }
        }
    }

    private sealed record ToBeSignedCrl(Time32 ThisUpdate, Time32 NextUpdate, HashSet<HashedId8> Entries);
}
