using Pki.Store;
using PkiProtocol.Messages;
using PkiProtocol.Trust;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Time;

namespace Pki.Authorities;

/// <summary>
/// The root CA: creates itself and the EA, AA (or per-model AAs), audit CA and misbehaviour authority, issues service certificates, revokes CA certificates on its
/// CRL, and signs the CRLs of every CRL-issuing CA of the PKI (each CA signs its own: ETSI TS 102 941 v1.4.1 §6.3.3).
/// </summary>
public sealed class RootCa
{
    private readonly PkiContext _context;

    public RootCa(PkiContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>Creates the CAs of a new PKI inside <paramref name="tx"/>: root, EA, audit CA, and the AA unless AAs are per model.</summary>
    internal static void CreateAll(PkiTransaction tx, PkiOptions options, DateTimeOffset now)
    {
        var start = GridStart(now, options);
        using var rootKey = EcdsaP256SignatureKey.Generate();
        var root = CertificateIssuer.SelfSignedRoot(CertificateProfiles.Root(options.Name, rootKey.PublicKey, start, options.RootLifetime), rootKey);
        tx.AddAuthority(AuthorityRole.Root, null, root, rootKey.ExportPrivateKey(), null);

        var half = TimeSpan.FromHours(Math.Floor(options.RootLifetime.TotalHours / 2));
        using (var eaKey = EcdsaP256SignatureKey.Generate())
        using (var eaEncryption = EciesP256Key.Generate())
        {
            var ea = CertificateIssuer.Issue(CertificateProfiles.Enrolment(options.Name, eaKey.PublicKey, eaEncryption.PublicKey, start, half), root, rootKey);
            tx.AddAuthority(AuthorityRole.Enrolment, null, ea, eaKey.ExportPrivateKey(), eaEncryption.ExportPrivateKey());
        }

        using (var auditKey = EcdsaP256SignatureKey.Generate())
        {
            var audit = CertificateIssuer.Issue(CertificateProfiles.Audit(options.Name, auditKey.PublicKey, start, half), root, rootKey);
            tx.AddAuthority(AuthorityRole.Audit, null, audit, auditKey.ExportPrivateKey(), null);
        }

        IssueMisbehaviourAuthority(tx, options, root, rootKey, start, half);
        if (!options.PerModelAa)
        {
            IssueAa(tx, options, root, rootKey, null, start, half);
        }
    }

    /// <summary>Issues the misbehaviour authority's certificate inside <paramref name="tx"/> when the PKI has none (a state made before it had one).</summary>
    internal void EnsureMisbehaviourAuthority(PkiTransaction tx)
    {
        if (_context.Store.GetAuthorities(AuthorityRole.Misbehaviour).Any(a => a.RevokedAt is null))
        {
            return;
        }

        var root = _context.Ca(AuthorityRole.Root);
        var start = GridStart(_context.NowUtc, _context.Options);
        var rootEnd = root.Certificate.ToBeSigned.ValidityPeriod.End;
        var remaining = TimeSpan.FromHours(Math.Floor(Math.Min(rootEnd.Since(start.ToTime64()).TotalHours, _context.Options.RootLifetime.TotalHours / 2)));
        IssueMisbehaviourAuthority(tx, _context.Options, root.Certificate, root.SigningKey, start, remaining);
    }

    /// <summary>
    /// Issues a certificate for a service beside the PKI (the posture server) to the service's own keys: named
    /// <paramref name="id"/>, valid for <paramref name="lifetime"/> from the current quantum, signing responses under PSID
    /// 623 and taking requests encrypted for <paramref name="encryption"/>. Returns it (also kept for download by HashedId8).
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a certificate name, or the lifetime outlives the root.</exception>
    public Certificate IssueServiceCertificate(string id, PublicVerificationKey key, PublicEncryptionKey encryption, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(encryption);
        PkiProtocol.Audit.IdfImplementation.CheckName(id, 64, nameof(id));
        lock (_context.Operation)
        {
            var root = _context.Ca(AuthorityRole.Root);
            var start = GridStart(_context.NowUtc, _context.Options);
            if (start.ToTime64().Add(lifetime) > root.Certificate.ToBeSigned.ValidityPeriod.End || lifetime < TimeSpan.FromHours(1))
            {
                throw new ArgumentException("a service certificate lives at least an hour and within the root's validity", nameof(lifetime));
            }

            var certificate = CertificateIssuer.Issue(CertificateProfiles.Service(id, key, encryption, start, lifetime), root.Certificate, root.SigningKey);
            using var tx = _context.Store.Begin();
            tx.AddCertificate(certificate, "service");
            tx.Commit();
            return certificate;
        }
    }

    private static void IssueMisbehaviourAuthority(PkiTransaction tx, PkiOptions options, Certificate root, ISignatureKey rootKey, Time32 start, TimeSpan lifetime)
    {
        using var key = EcdsaP256SignatureKey.Generate();
        using var encryption = EciesP256Key.Generate();
        var ma = CertificateIssuer.Issue(CertificateProfiles.Misbehaviour(options.Name, key.PublicKey, encryption.PublicKey, start, lifetime), root, rootKey);
        tx.AddAuthority(AuthorityRole.Misbehaviour, null, ma, key.ExportPrivateKey(), encryption.ExportPrivateKey());
    }

    /// <summary>Issues the AA of an IDF model (vendor/product) inside <paramref name="tx"/> (per-model AAs, patent ¶168).</summary>
    internal void IssueModelAa(PkiTransaction tx, string model)
    {
        var root = _context.Ca(AuthorityRole.Root);
        var start = GridStart(_context.NowUtc, _context.Options);
        var rootEnd = root.Certificate.ToBeSigned.ValidityPeriod.End;
        var remaining = TimeSpan.FromHours(Math.Floor(Math.Min(rootEnd.Since(start.ToTime64()).TotalHours, _context.Options.RootLifetime.TotalHours / 2)));
        IssueAa(tx, _context.Options, root.Certificate, root.SigningKey, model, start, remaining);
    }

    // CA certificates start at the beginning of the current AT quantum (in Time32, TAI seconds), so that an AT,
    // whose start is rounded down to that quantum, never starts before its AA.
    private static Time32 GridStart(DateTimeOffset now, PkiOptions options)
    {
        var quantum = (uint)options.TicketQuantum.TotalSeconds;
        return new Time32(Time32.FromUtc(now).Seconds / quantum * quantum);
    }

    private static void IssueAa(PkiTransaction tx, PkiOptions options, Certificate root, ISignatureKey rootKey, string? model, Time32 start, TimeSpan lifetime)
    {
        using var key = EcdsaP256SignatureKey.Generate();
        using var encryption = EciesP256Key.Generate();
        var id = model is null ? $"aa.{options.Name}" : $"aa.{model.Replace('/', '.')}.{options.Name}";
        var aa = CertificateIssuer.Issue(CertificateProfiles.Authorization(id, key.PublicKey, encryption.PublicKey, start, lifetime), root, rootKey);
        tx.AddAuthority(AuthorityRole.Authorization, model, aa, key.ExportPrivateKey(), encryption.ExportPrivateKey());
    }

    /// <summary>The signed CRL message of the CA with certificate digest <paramref name="ca"/>: all its entries, thisUpdate now.</summary>
    /// <exception cref="ArgumentException">No CA of this PKI has that digest.</exception>
    public byte[] Crl(HashedId8 ca)
    {
        lock (_context.Operation)
        {
            var keys = _context.CaByDigest(ca) ?? throw new ArgumentException($"no CA of this PKI has digest {ca}", nameof(ca));
            if (keys.Record.Role is AuthorityRole.Audit or AuthorityRole.Misbehaviour)
            {
                throw new ArgumentException($"the {keys.Record.Role} authority issues no certificates, so it has no CRL", nameof(ca));
            }

            var now = _context.Now;
            var thisUpdate = new Time32((uint)(now.Microseconds / 1_000_000));
            var nextUpdate = new Time32(thisUpdate.Seconds + (uint)_context.Options.CrlLifetime.TotalSeconds);
            var crl = new ToBeSignedCrl(thisUpdate, nextUpdate, _context.Store.GetCrlEntries(ca));
            return CrlMessages.Sign(crl, keys.Signer, now);
        }
    }

    /// <summary>Revokes a CA certificate (EA, AA, audit CA): puts it on the root CRL and marks the CA revoked, in <paramref name="tx"/>.</summary>
    internal void RevokeCa(PkiTransaction tx, AuthorityRecord ca, DateTimeOffset at)
    {
        if (ca.Role == AuthorityRole.Root)
        {
            throw new ArgumentException("the root CA cannot revoke itself", nameof(ca));
        }

        tx.AddCrlEntry(_context.Ca(AuthorityRole.Root).Certificate.HashedId8, ca.Certificate.HashedId8, at);
        tx.RevokeAuthority(ca.Id, at);
    }
}
