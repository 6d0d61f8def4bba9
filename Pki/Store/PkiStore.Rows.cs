using Microsoft.Data.Sqlite;
using Pki.Audit;
using PkiProtocol.Audit;
using PkiProtocol.Misbehaviour;
using V2x.Oer;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Time;

namespace Pki.Store;

/// <summary>The reads of <see cref="PkiStore"/>, one method per question the authorities ask.</summary>
public sealed partial class PkiStore
{
    public string? GetSetting(string name) =>
        Query("SELECT value FROM settings WHERE name = $n", r => r.GetString(0), ("$n", name)).FirstOrDefault();

    public IReadOnlyList<AuthorityRecord> GetAuthorities() =>
        Query("SELECT id, role, model, certificate, signing_key, encryption_key, revoked_at FROM authorities ORDER BY id", ReadAuthority);

    public IReadOnlyList<AuthorityRecord> GetAuthorities(AuthorityRole role) =>
        [.. GetAuthorities().Where(a => a.Role == role)];

    public Certificate? GetCertificate(HashedId8 digest) =>
        Query("SELECT encoded FROM certificates WHERE digest = $d", r => Certificate.Decode((byte[])r[0]), ("$d", Key(digest))).FirstOrDefault();

    public int CountCertificates(string kind) =>
        Query("SELECT COUNT(*) FROM certificates WHERE kind = $k", r => r.GetInt32(0), ("$k", kind))[0];

    public StationRecord? GetStation(string stationId) =>
        Query($"{StationColumns} WHERE station_id = $id", ReadStation, ("$id", stationId)).FirstOrDefault();

    public IReadOnlyList<StationRecord> GetStations() => Query($"{StationColumns} ORDER BY station_id", ReadStation);

    /// <summary>The station an EC was issued to, with the EC's expiry, or null for an EC this EA did not issue.</summary>
    public (string StationId, Time64 NotAfter)? GetEnrolment(HashedId8 ec)
    {
        var rows = Query("SELECT station_id, not_after FROM enrolments WHERE ec_digest = $d",
            r => (r.GetString(0), new Time64((ulong)r.GetInt64(1))), ("$d", Key(ec)));
        return rows.Count == 0 ? null : rows[0];
    }

    public IReadOnlyList<HashedId8> GetEnrolmentsOf(string stationId) =>
        Query("SELECT ec_digest FROM enrolments WHERE station_id = $s", r => Digest(r.GetInt64(0)), ("$s", stationId));

    public IReadOnlyList<AssessmentEntry> GetAssessments() =>
        Query("SELECT signed FROM assessments ORDER BY serial", r => (byte[])r[0])
            .Select(signed => new AssessmentEntry(AuditCa.ReadPayload(signed), signed)).ToList();

    public IReadOnlyList<(long Serial, DateTimeOffset At, string Action, byte Level, string Reason)> GetAssessmentHistory() =>
        Query("SELECT serial, at, action, level, reason FROM assessment_history ORDER BY id",
            r => (r.GetInt64(0), Utc(r.GetInt64(1)), r.GetString(2), (byte)r.GetInt32(3), r.GetString(4)));

    public IReadOnlyList<CompromiseRecord> GetCompromises() =>
        Query("SELECT vendor, product, first_version, last_version, found_at, reason FROM compromises ORDER BY id",
            r => new CompromiseRecord(r.GetString(0), r.GetString(1), new VersionRange(r.GetString(2), r.GetString(3)), Utc(r.GetInt64(4)), r.GetString(5)));

    /// <summary>The AA's resolution records of ATs still valid at <paramref name="time"/>.</summary>
    public IReadOnlyList<ResolutionRecord> GetResolutions(Time64 time) =>
        Query("SELECT ticket, aa, ea, encrypted_ec_signature, not_after FROM resolutions WHERE not_after > $t",
            r => new ResolutionRecord(Digest(r.GetInt64(0)), Digest(r.GetInt64(1)), Digest(r.GetInt64(2)), (byte[])r[3], new Time64((ulong)r.GetInt64(4))),
            ("$t", (long)time.Microseconds));

    public ResolutionRecord? GetResolution(HashedId8 ticket) =>
        Query("SELECT ticket, aa, ea, encrypted_ec_signature, not_after FROM resolutions WHERE ticket = $t",
            r => new ResolutionRecord(Digest(r.GetInt64(0)), Digest(r.GetInt64(1)), Digest(r.GetInt64(2)), (byte[])r[3], new Time64((ulong)r.GetInt64(4))),
            ("$t", Key(ticket))).FirstOrDefault();

    public IReadOnlyList<HashedId8> GetCrlEntries(HashedId8 ca) =>
        Query("SELECT revoked FROM crl_entries WHERE ca = $c ORDER BY revoked_at, revoked", r => Digest(r.GetInt64(0)), ("$c", Key(ca)));

    public bool IsOnCrl(HashedId8 certificate) =>
        Query("SELECT 1 FROM crl_entries WHERE revoked = $r", r => true, ("$r", Key(certificate))).Count > 0;

    public IReadOnlyList<ReportRecord> GetReports() =>
        Query("SELECT id, received_at, kind, reporter, subject, action FROM reports ORDER BY id",
            r => new ReportRecord(r.GetInt64(0), Utc(r.GetInt64(1)), (MisbehaviourKind)r.GetInt32(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5)));

    private const string StationColumns = "SELECT station_id, canonical_key, vendor, product, idf_vendor, idf_product, idf_version, assurance, " +
        "investigator, registered_at, blocked_at, block_reason, station_type, vehicle_role FROM stations";

    private static StationRecord ReadStation(SqliteDataReader r) => new()
    {
        StationId = r.GetString(0),
        CanonicalKey = DecodeKey((byte[])r[1]),
        Vendor = r.GetString(2),
        Product = r.GetString(3),
        Idf = new IdfImplementation(r.GetString(4), r.GetString(5), r.GetString(6)),
        AssuranceLevel = (byte)r.GetInt32(7),
        Investigator = r.GetInt32(8) != 0,
        RegisteredAt = Utc(r.GetInt64(9)),
        BlockedAt = r.IsDBNull(10) ? null : Utc(r.GetInt64(10)),
        BlockReason = r.IsDBNull(11) ? null : r.GetString(11),
        StationType = (V2x.Facilities.ItsContainer.StationType)r.GetInt32(12),
        Role = (V2x.Facilities.ItsContainer.VehicleRole)r.GetInt32(13),
    };

    private static AuthorityRecord ReadAuthority(SqliteDataReader r) => new(
        r.GetInt64(0), (AuthorityRole)r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2), Certificate.Decode((byte[])r[3]),
        (byte[])r[4], r.IsDBNull(5) ? null : (byte[])r[5], r.IsDBNull(6) ? null : Utc(r.GetInt64(6)));

    internal static long Key(HashedId8 digest) => unchecked((long)digest.Value);

    internal static HashedId8 Digest(long key) => new(unchecked((ulong)key));

    internal static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    internal static DateTimeOffset Utc(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    internal static byte[] EncodeKey(PublicVerificationKey key)
    {
        var writer = new OerWriter(40);
        key.Encode(writer);
        return writer.ToArray();
    }

    internal static PublicVerificationKey DecodeKey(byte[] bytes)
    {
        var reader = new OerReader(bytes, "canonicalKey");
        var key = PublicVerificationKey.Decode(reader);
        reader.ExpectEnd();
        return key;
    }
}
