using Pki.Audit;
using Pki.Store;
using PkiProtocol.Audit;
using V2x.Security;

namespace Pki.Authorities;

/// <summary>
/// Revocation (patent ¶157-170, fig. 7): a station (block list at the EA, its ECs on the EA CRL, its valid
/// ATs on the AA CRLs), an IDF implementation (every station running an affected version, or with
/// per-model AAs the model's AA on the root CRL, and the audit assessment lowered or withdrawn), or one
/// certificate. Each is one transaction.
/// </summary>
public sealed class Revocations
{
    private readonly PkiContext _context;
    private readonly EnrolmentAuthority _ea;
    private readonly AuditCa _audit;

    public Revocations(PkiContext context, EnrolmentAuthority ea, AuditCa audit)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ea);
        ArgumentNullException.ThrowIfNull(audit);
        _context = context;
        _ea = ea;
        _audit = audit;
    }

    /// <summary>Revokes a station: blocked at the EA, its ECs and its still valid ATs on the CRLs. Returns what was done.</summary>
    /// <exception cref="ArgumentException">Unknown station.</exception>
    public string RevokeStation(string stationId, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        lock (_context.Operation)
        {
            using var tx = _context.Store.Begin();
            var done = RevokeStation(tx, stationId, reason);
            tx.Commit();
            return done;
        }
    }

    internal string RevokeStation(PkiTransaction tx, string stationId, string reason)
    {
        var station = _context.Store.GetStation(stationId) ?? throw new ArgumentException($"no station {stationId}", nameof(stationId));
        tx.BlockStation(station.StationId, _context.NowUtc, reason);
        var (ecs, ats) = RevokeCertificatesOf(tx, new HashSet<string> { station.StationId });
        return $"station {station.StationId} revoked ({reason}): {ecs} EC(s), {ats} AT(s) put on CRLs";
    }

    /// <summary>
    /// Revokes an IDF implementation found compromised (patent ¶164-168): stations running an affected version
    /// get no certificate while they do, their ECs and ATs go on the CRLs (with per-model AAs the model's AA goes
    /// on the root CRL and a new AA is issued for the model), and every assessment covering those versions is
    /// lowered to <paramref name="lowerTo"/> or, when null, withdrawn (¶165).
    /// </summary>
    /// <exception cref="ArgumentException">A name or range breaks its rule.</exception>
    public string RevokeImplementation(string vendor, string product, VersionRange versions, byte? lowerTo, string reason)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        IdfImplementation.CheckName(vendor, 64, nameof(vendor));
        IdfImplementation.CheckName(product, 64, nameof(product));
        if (lowerTo > 7)
        {
            throw new ArgumentException("levels are 0..7", nameof(lowerTo));
        }

        lock (_context.Operation)
        {
            using var tx = _context.Store.Begin();
            var done = RevokeImplementation(tx, vendor, product, versions, lowerTo, reason);
            tx.Commit();
            return done;
        }
    }

    internal string RevokeImplementation(PkiTransaction tx, string vendor, string product, VersionRange versions, byte? lowerTo, string reason)
    {
        var compromise = new CompromiseRecord(vendor, product, versions, _context.NowUtc, reason);
        var affected = _context.Store.GetStations().Where(s => compromise.Affects(s.Idf)).Select(s => s.StationId).ToHashSet();
        var assessments = _audit.Assessments.Where(a => a.Status != AssessmentStatus.Withdrawn
            && string.Equals(a.Vendor, vendor, StringComparison.Ordinal) && string.Equals(a.Product, product, StringComparison.Ordinal)
            && Overlap(a.Versions, versions)).ToList();

        tx.AddCompromise(compromise);
        var (ecs, ats) = RevokeCertificatesOf(tx, affected);
        var model = $"{vendor}/{product}";
        var aaNote = string.Empty;
        if (_context.Options.PerModelAa && _ea.ModelAa(model) is { } aa)
        {
            var root = new RootCa(_context);
            root.RevokeCa(tx, aa.Record, _context.NowUtc);
            root.IssueModelAa(tx, model);
            aaNote = $", the AA of {model} ({aa.Certificate.HashedId8}) revoked and replaced";
        }

        var lowered = 0;
        foreach (var a in assessments)
        {
            if (lowerTo is null)
            {
                _audit.Withdraw(tx, a, reason);
                lowered++;
            }
            else if (lowerTo < a.Level)
            {
                _audit.Lower(tx, a, lowerTo.Value, reason);
                lowered++;
            }
        }

        return $"{model} {versions} compromised ({reason}): {affected.Count} station(s), {ecs} EC(s), {ats} AT(s) revoked{aaNote}; " +
            $"{lowered} assessment(s) {(lowerTo is null ? "withdrawn" : $"lowered to {lowerTo}")}";
    }

    /// <summary>Revokes one certificate issued by this PKI: on its issuer's CRL (a CA certificate: on the root CRL, the CA stops).</summary>
    /// <exception cref="ArgumentException">No certificate of this PKI has that digest, or it is the root.</exception>
    public string RevokeCertificate(HashedId8 digest, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        lock (_context.Operation)
        {
            var certificate = _context.Store.GetCertificate(digest) ?? throw new ArgumentException($"no certificate {digest} was issued here", nameof(digest));
            if (certificate.Issuer.IsSelf)
            {
                throw new ArgumentException("the root certificate cannot be revoked on a CRL it signs", nameof(digest));
            }

            using var tx = _context.Store.Begin();
            if (_context.CaByDigest(digest) is { } ca)
            {
                new RootCa(_context).RevokeCa(tx, ca.Record, _context.NowUtc);
            }
            else
            {
                tx.AddCrlEntry(certificate.Issuer.Digest, digest, _context.NowUtc);
            }

            tx.Commit();
            return $"{digest} put on the CRL of {certificate.Issuer.Digest} ({reason})";
        }
    }

    /// <summary>The station behind an AT, through the AA's resolution record and the EA; null when unknown.</summary>
    public string? StationOf(HashedId8 ticket)
    {
        lock (_context.Operation)
        {
            var record = _context.Store.GetResolution(ticket);
            return record is null ? null : _ea.ResolveStation(record.EncryptedEcSignature);
        }
    }

    private (int Ecs, int Ats) RevokeCertificatesOf(PkiTransaction tx, IReadOnlySet<string> stations)
    {
        if (stations.Count == 0)
        {
            return (0, 0);
        }

        var now = _context.NowUtc;
        var ea = _context.Ca(AuthorityRole.Enrolment).Certificate.HashedId8;
        var ecs = 0;
        foreach (var station in stations)
        {
            foreach (var ec in _context.Store.GetEnrolmentsOf(station))
            {
                tx.AddCrlEntry(ea, ec, now);
                ecs++;
            }
        }

        // Only the EA can open the EC signature kept with each AT: the AA alone cannot tell whose AT it is.
        var ats = 0;
        foreach (var record in _context.Store.GetResolutions(_context.Now))
        {
            if (_ea.ResolveStation(record.EncryptedEcSignature) is { } owner && stations.Contains(owner))
            {
                tx.AddCrlEntry(record.Aa, record.Ticket, now);
                ats++;
            }
        }

        return (ecs, ats);
    }

    private static bool Overlap(VersionRange a, VersionRange b) =>
        IdfVersion.Parse(a.First) <= IdfVersion.Parse(b.Last) && IdfVersion.Parse(b.First) <= IdfVersion.Parse(a.Last);
}
