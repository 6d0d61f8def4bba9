using System.Text;
using Pki.Audit;
using Pki.Store;
using PkiProtocol;
using PkiProtocol.Audit;
using PkiProtocol.Messages;
using PkiProtocol.Protocol;
using V2x;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Encryption;
using V2x.Security.Signing;
using V2x.Time;

namespace Pki.Authorities;

/// <summary>
/// The enrolment authority (ETSI TS 102 941 v1.4.1 §6.2.3.2, §6.2.3.4): knows each station from its
/// registration at manufacture, enrols it (EC), validates AT requests for the AAs and tells them the
/// assurance level and the audit CA's IDF assurance level, and keeps the station block list.
/// </summary>
public sealed partial class EnrolmentAuthority
{
    private readonly PkiContext _context;
    private readonly AuditCa _audit;

    public EnrolmentAuthority(PkiContext context, AuditCa audit)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(audit);
        _context = context;
        _audit = audit;
    }

    public Certificate Certificate => _context.Ca(AuthorityRole.Enrolment).Certificate;

    /// <summary>Registers a station at manufacture (issue 3 item 2); with per-model AAs, issues its model's AA if it has none.</summary>
    /// <exception cref="ArgumentException">A field breaks its rule, or the identifier is taken.</exception>
    public void RegisterStation(StationRecord station)
    {
        ArgumentNullException.ThrowIfNull(station);
        CheckStationId(station.StationId);
        IdfImplementation.CheckName(station.Vendor, 64, nameof(station.Vendor));
        IdfImplementation.CheckName(station.Product, 64, nameof(station.Product));
        if (station.AssuranceLevel > 7)
        {
            throw new ArgumentException("the assurance level is 0..7", nameof(station));
        }

        // What its tickets may claim follows from these (TicketPermissions): only combinations the EA registers.
        TicketPermissions.Check(station.StationType, station.Role);

        try
        {
            using var imported = VerificationKey.Import(station.CanonicalKey);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"canonical key: {e.Message}", nameof(station), e);
        }

        lock (_context.Operation)
        {
            if (_context.Store.GetStation(station.StationId) is not null)
            {
                throw new ArgumentException($"station {station.StationId} is already registered", nameof(station));
            }

            using var tx = _context.Store.Begin();
            tx.AddStation(station with { RegisteredAt = _context.NowUtc, BlockedAt = null, BlockReason = null });
            if (_context.Options.PerModelAa && ModelAa(station.Idf.Model) is null)
            {
                new RootCa(_context).IssueModelAa(tx, station.Idf.Model);
            }

            tx.Commit();
        }
    }

    /// <summary>Records a new IDF version of a station (an update installed by its OEM).</summary>
    /// <exception cref="ArgumentException">Unknown station or malformed version.</exception>
    public void UpdateIdfVersion(string stationId, string version)
    {
        IdfVersion.Parse(version);
        lock (_context.Operation)
        {
            _ = _context.Store.GetStation(stationId) ?? throw new ArgumentException($"no station {stationId}", nameof(stationId));
            using var tx = _context.Store.Begin();
            tx.UpdateStationIdfVersion(stationId, version);
            tx.Commit();
        }
    }

    /// <summary>Why the station may not get certificates now, or null when it may (block list, compromised IDF version).</summary>
    public string? RevocationReason(StationRecord station)
    {
        ArgumentNullException.ThrowIfNull(station);
        if (station.BlockedAt is not null)
        {
            return $"station {station.StationId} is revoked: {station.BlockReason}";
        }

        var compromise = _context.Store.GetCompromises().FirstOrDefault(c => c.Affects(station.Idf));
        return compromise is null ? null : $"station {station.StationId} runs {station.Idf}, found compromised: {compromise.Reason}";
    }

    /// <summary>The active AA of an IDF model, or null.</summary>
    internal CaKeys? ModelAa(string model) =>
        _context.Cas(AuthorityRole.Authorization).FirstOrDefault(a => string.Equals(a.Record.Model, model, StringComparison.Ordinal));

    /// <summary>
    /// Handles an EnrolmentRequestMessage (TS 102 941 v1.4.1 §6.2.3.2.1): encrypted for the EA, signed with
    /// the station's canonical key (signer self), carrying InnerEcRequestSignedForPop signed with the new EC key.
    /// Returns the EnrolmentResponseMessage, encrypted with the request's data key.
    /// </summary>
    /// <exception cref="PkiException">The request is refused; the failure says why.</exception>
    public byte[] ProcessEnrolment(ReadOnlyMemory<byte> message)
    {
        lock (_context.Operation)
        {
            var ea = _context.Ca(AuthorityRole.Enrolment);
            var now = _context.Now;
            var opened = SecuredMessages.Open(message, Decryptor(ea), now, PkiPsids.CertificateRequest);
            if (opened.Content.Kind != EtsiTs102941Content.EnrolmentRequest)
            {
                throw new PkiException(PkiFailure.WrongContent, $"expected an enrolmentRequest, got {opened.Content.Kind}");
            }

            var (pop, request) = ReadInnerEcRequest(opened.Content.As<Ieee1609Dot2Data>(), now);
            var stationId = StationIdOf(request.ItsId.Span);
            var station = _context.Store.GetStation(stationId) ?? throw new PkiException(PkiFailure.UnknownStation, $"itsId '{stationId}' is not registered");

            // TS 102 941 v1.4.1 §6.2.3.2.1: the outer signature is by the canonical key (initial enrolment), the
            // inner one by the key being certified (proof of possession).
            if (opened.Signed.Signer.Kind != SignerKind.Self)
            {
                throw new PkiException(PkiFailure.BadSignature, "an initial enrolment request is signed with the canonical key (signer self)");
            }

            SecuredMessages.VerifySelf(opened.Signed, station.CanonicalKey, "enrolment request (canonical key)");
            SecuredMessages.VerifySelf(pop, request.PublicKeys.VerificationKey, "InnerEcRequestSignedForPop (proof of possession)");
            if (RevocationReason(station) is { } reason)
            {
                throw new PkiException(PkiFailure.StationRevoked, reason);
            }

            var ec = IssueEc(ea, station, request.PublicKeys.VerificationKey);
            var response = new InnerEcResponse(OerExtensions.RequestHash(message.Span), EnrolmentResponseCode.Ok, ec);
            return SecuredMessages.SignAndEncryptResponse(EtsiTs102941Data.EnrolmentResponse(response), ea.Signer, opened.DataKey, now);
        }
    }

    /// <summary>Issues an EC directly (bench provisioning without the protocol, CLI <c>issue</c>).</summary>
    /// <exception cref="ArgumentException">Unknown station or a malformed key.</exception>
    /// <exception cref="PkiException">The station is revoked.</exception>
    public Certificate IssueEcDirect(string stationId, PublicVerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_context.Operation)
        {
            var station = _context.Store.GetStation(stationId) ?? throw new ArgumentException($"no station {stationId}", nameof(stationId));
            if (RevocationReason(station) is { } reason)
            {
                throw new PkiException(PkiFailure.StationRevoked, reason);
            }

            return IssueEc(_context.Ca(AuthorityRole.Enrolment), station, key);
        }
    }

    private Certificate IssueEc(CaKeys ea, StationRecord station, PublicVerificationKey key)
    {
        var now = _context.NowUtc;
        var start = Time32.FromUtc(now);
        var eaEnd = ea.Certificate.ToBeSigned.ValidityPeriod.End;
        var lifetime = TimeSpan.FromHours(Math.Floor(Math.Min(_context.Options.EnrolmentLifetime.TotalHours, eaEnd.Since(start.ToTime64()).TotalHours)));
        if (lifetime < TimeSpan.FromHours(1))
        {
            throw new PkiException(PkiFailure.DeniedPermissions, "the EA certificate expires within the hour");
        }

        var ec = CertificateIssuer.Issue(CertificateProfiles.EnrolmentCredential(key, start, lifetime), ea.Certificate, ea.SigningKey);
        using var tx = _context.Store.Begin();
        tx.AddCertificate(ec, "ec");
        tx.AddEnrolment(ec.HashedId8, station.StationId, now, ec.ToBeSigned.ValidityPeriod.End);
        tx.Commit();
        return ec;
    }

    private static (SignedData Pop, InnerEcRequest Request) ReadInnerEcRequest(Ieee1609Dot2Data data, Time64 now)
    {
        var pop = data.SignedData!;
        if (pop.TbsData.HeaderInfo.Psid != PkiPsids.CertificateRequest)
        {
            throw new PkiException(PkiFailure.WrongContent, $"InnerEcRequestSignedForPop psid {pop.TbsData.HeaderInfo.Psid}, expected 623");
        }

        SecuredMessages.CheckTime(pop.TbsData.HeaderInfo, now);
        var payload = pop.TbsData.Payload.Data;
        if (payload is null || payload.Kind != ContentKind.UnsecuredData)
        {
            throw new PkiException(PkiFailure.WrongContent, "InnerEcRequestSignedForPop does not carry an InnerEcRequest");
        }

        try
        {
            var reader = new V2x.Oer.OerReader(payload.Opaque, "InnerEcRequest");
            var request = InnerEcRequest.Decode(reader);
            reader.ExpectEnd();
            return (pop, request);
        }
        catch (DecodeException e)
        {
            throw new PkiException(PkiFailure.Malformed, e.Message, e);
        }
    }

    internal static SpduDecryptor Decryptor(CaKeys ca)
    {
        var decryptor = new SpduDecryptor();
        decryptor.AddCertificateKey(ca.Certificate, ca.EncryptionKey!);
        return decryptor;
    }

    private static string StationIdOf(ReadOnlySpan<byte> itsId)
    {
        try
        {
            var id = new UTF8Encoding(false, true).GetString(itsId);
            CheckStationId(id);
            return id;
        }
        catch (ArgumentException)
        {
            throw new PkiException(PkiFailure.UnknownStation, $"itsId {Convert.ToHexString(itsId)} is not a registered canonical identifier");
        }
    }

    /// <summary>A canonical identifier: 1..64 characters of letters, digits, '-', '_', '.' and ':'.</summary>
    public static void CheckStationId(string stationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stationId);
        if (stationId.Length > 64 || !stationId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            throw new ArgumentException("a station identifier is 1..64 of A-Z a-z 0-9 - _ . :", nameof(stationId));
        }
    }
}
