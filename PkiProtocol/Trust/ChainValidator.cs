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

    public ChainValidator(Certificate root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!root.Issuer.IsSelf || SpduVerifier.VerifyCertificate(root, null) != VerificationFailure.None)
        {
            throw new ArgumentException("the trusted root is a self-signed certificate whose signature verifies", nameof(root));
        }

        Root = root;
        _known[root.HashedId8] = root;
    }

    public Certificate Root { get; }

    /// <summary>Makes an intermediate CA certificate available for chain building (it is validated with every chain through it).</summary>
    public void AddCertificate(Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        _known[certificate.HashedId8] = certificate;
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
    public IReadOnlyList<Certificate> Validate(Certificate leaf, Time64 time, bool requireCrls)
    {
        ArgumentNullException.ThrowIfNull(leaf);
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

            CheckLink(current, issuer, time, requireCrls);
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

    private void CheckLink(Certificate certificate, Certificate issuer, Time64 time, bool requireCrls)
    {
        var failure = SpduVerifier.VerifyCertificate(certificate, issuer);
        if (failure != VerificationFailure.None)
        {
            throw new PkiException(PkiFailure.ChainInvalid, $"signature of {certificate.HashedId8} by {issuer.HashedId8}: {failure}");
        }

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
