using PkiProtocol.Misbehaviour;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Time;

namespace Pki.Store;

/// <summary>The writes of one transaction.</summary>
public sealed partial class PkiTransaction
{
    public void SetSetting(string name, string value) =>
        Execute("INSERT INTO settings (name, value) VALUES ($n, $v) ON CONFLICT(name) DO UPDATE SET value = $v", ("$n", name), ("$v", value));

    public long AddAuthority(AuthorityRole role, string? model, Certificate certificate, byte[] signingKey, byte[]? encryptionKey)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var id = Insert("INSERT INTO authorities (role, model, certificate, digest, signing_key, encryption_key) VALUES ($r, $m, $c, $d, $s, $e)",
            ("$r", (int)role), ("$m", model), ("$c", certificate.Encoded.ToArray()), ("$d", PkiStore.Key(certificate.HashedId8)),
            ("$s", signingKey), ("$e", encryptionKey));
        AddCertificate(certificate, role.ToString().ToLowerInvariant());
        return id;
    }

    public void RevokeAuthority(long id, DateTimeOffset at) =>
        Execute("UPDATE authorities SET revoked_at = $t WHERE id = $id AND revoked_at IS NULL", ("$t", PkiStore.Ms(at)), ("$id", id));

    /// <summary>Keeps an issued certificate for download by HashedId8 (kind: root, enrolment, authorization, audit, ec, at).</summary>
    public void AddCertificate(Certificate certificate, string kind)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Execute("INSERT OR IGNORE INTO certificates (digest, issuer, kind, encoded, not_after) VALUES ($d, $i, $k, $e, $n)",
            ("$d", PkiStore.Key(certificate.HashedId8)), ("$i", certificate.Issuer.IsSelf ? 0L : PkiStore.Key(certificate.Issuer.Digest)),
            ("$k", kind), ("$e", certificate.Encoded.ToArray()), ("$n", (long)certificate.ToBeSigned.ValidityPeriod.End.Microseconds));
    }

    public void AddStation(StationRecord station)
    {
        ArgumentNullException.ThrowIfNull(station);
        Execute("INSERT INTO stations (station_id, canonical_key, vendor, product, idf_vendor, idf_product, idf_version, assurance, investigator, registered_at, " +
            "station_type, vehicle_role) VALUES ($id, $k, $v, $p, $iv, $ip, $ir, $a, $inv, $t, $st, $vr)",
            ("$id", station.StationId), ("$k", PkiStore.EncodeKey(station.CanonicalKey)), ("$v", station.Vendor), ("$p", station.Product),
            ("$iv", station.Idf.Vendor), ("$ip", station.Idf.Product), ("$ir", station.Idf.Version), ("$a", (int)station.AssuranceLevel),
            ("$inv", station.Investigator ? 1 : 0), ("$t", PkiStore.Ms(station.RegisteredAt)), ("$st", (int)station.StationType), ("$vr", (int)station.Role));
    }

    public void UpdateStationIdfVersion(string stationId, string version) =>
        Execute("UPDATE stations SET idf_version = $v WHERE station_id = $id", ("$v", version), ("$id", stationId));

    public void BlockStation(string stationId, DateTimeOffset at, string reason) =>
        Execute("UPDATE stations SET blocked_at = $t, block_reason = $r WHERE station_id = $id AND blocked_at IS NULL",
            ("$t", PkiStore.Ms(at)), ("$r", reason), ("$id", stationId));

    public void AddEnrolment(HashedId8 ec, string stationId, DateTimeOffset issuedAt, Time64 notAfter) =>
        Execute("INSERT INTO enrolments (ec_digest, station_id, issued_at, not_after) VALUES ($d, $s, $t, $n)",
            ("$d", PkiStore.Key(ec)), ("$s", stationId), ("$t", PkiStore.Ms(issuedAt)), ("$n", (long)notAfter.Microseconds));

    public void PutAssessment(uint serial, string vendor, string product, byte[] signed) =>
        Execute("INSERT INTO assessments (serial, vendor, product, signed) VALUES ($s, $v, $p, $b) ON CONFLICT(serial) DO UPDATE SET signed = $b",
            ("$s", (long)serial), ("$v", vendor), ("$p", product), ("$b", signed));

    public void AddAssessmentHistory(uint serial, DateTimeOffset at, string action, byte level, string reason) =>
        Execute("INSERT INTO assessment_history (serial, at, action, level, reason) VALUES ($s, $t, $a, $l, $r)",
            ("$s", (long)serial), ("$t", PkiStore.Ms(at)), ("$a", action), ("$l", (int)level), ("$r", reason));

    public void AddCompromise(CompromiseRecord compromise)
    {
        ArgumentNullException.ThrowIfNull(compromise);
        Execute("INSERT INTO compromises (vendor, product, first_version, last_version, found_at, reason) VALUES ($v, $p, $f, $l, $t, $r)",
            ("$v", compromise.Vendor), ("$p", compromise.Product), ("$f", compromise.Versions.First), ("$l", compromise.Versions.Last),
            ("$t", PkiStore.Ms(compromise.FoundAt)), ("$r", compromise.Reason));
    }

    public void AddResolution(ResolutionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Execute("INSERT INTO resolutions (ticket, aa, ea, encrypted_ec_signature, not_after) VALUES ($t, $a, $e, $s, $n)",
            ("$t", PkiStore.Key(record.Ticket)), ("$a", PkiStore.Key(record.Aa)), ("$e", PkiStore.Key(record.Ea)),
            ("$s", record.EncryptedEcSignature), ("$n", (long)record.NotAfter.Microseconds));
    }

    /// <summary>Puts <paramref name="revoked"/> on the CRL of <paramref name="ca"/> (idempotent).</summary>
    public void AddCrlEntry(HashedId8 ca, HashedId8 revoked, DateTimeOffset at) =>
        Execute("INSERT OR IGNORE INTO crl_entries (ca, revoked, revoked_at) VALUES ($c, $r, $t)",
            ("$c", PkiStore.Key(ca)), ("$r", PkiStore.Key(revoked)), ("$t", PkiStore.Ms(at)));

    public long AddReport(DateTimeOffset at, MisbehaviourKind kind, string reporter, string? subject, string action) =>
        Insert("INSERT INTO reports (received_at, kind, reporter, subject, action) VALUES ($t, $k, $r, $s, $a)",
            ("$t", PkiStore.Ms(at)), ("$k", (int)kind), ("$r", reporter), ("$s", subject), ("$a", action));
}
