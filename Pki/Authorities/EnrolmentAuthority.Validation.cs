using Pki.Store;
using PkiProtocol;
using PkiProtocol.Messages;
using PkiProtocol.Protocol;
using V2x;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Encryption;

namespace Pki.Authorities;

public sealed partial class EnrolmentAuthority
{
    /// <summary>The permissions an AT may be granted for CAM and DENM: the requested SSP bits the station's registered profile allows (<see cref="TicketPermissions"/>).</summary>
    private static readonly Psid[] GrantablePsids = [Psid.Cam, Psid.Denm];

    /// <summary>MBR SSP: version 1, flags (0x01 = may file incident findings and implementation compromises).</summary>
    public static ServiceSpecificPermissions MisbehaviourSsp(bool investigator) => ServiceSpecificPermissions.Opaque([0x01, investigator ? (byte)0x01 : (byte)0x00]);

    /// <summary>
    /// Handles an AuthorizationValidationRequestMessage from an AA (TS 102 941 v1.4.1 §6.2.3.4): checks the AA,
    /// opens the EC signature (encrypted for this EA), checks the EC and its station, and confirms the subject
    /// attributes: permissions (CAM and DENM SSPs within the station's registered profile), the assuranceLevel of the station's V2X application and, when the audit CA has
    /// a valid assessment of its IDF implementation, intDetectAssuranceLevel (patent ¶189-193).
    /// </summary>
    /// <exception cref="PkiException">The request is refused; the failure says why.</exception>
    public byte[] ProcessValidation(ReadOnlyMemory<byte> message)
    {
        lock (_context.Operation)
        {
            var ea = _context.Ca(AuthorityRole.Enrolment);
            var now = _context.Now;
            var opened = SecuredMessages.Open(message, Decryptor(ea), now, PkiPsids.CertificateRequest);
            if (opened.Content.Kind != EtsiTs102941Content.AuthorizationValidationRequest)
            {
                throw new PkiException(PkiFailure.WrongContent, $"expected an authorizationValidationRequest, got {opened.Content.Kind}");
            }

            var aaDigest = SecuredMessages.SignerDigest(opened.Signed);
            var aa = _context.Cas(AuthorityRole.Authorization).FirstOrDefault(a => a.Certificate.HashedId8 == aaDigest)
                ?? throw new PkiException(PkiFailure.UnknownSigner, $"the requesting AA {aaDigest} is unknown or revoked (invalidaa)");
            SecuredMessages.VerifyBy(opened.Signed, aa.Certificate, "authorization validation request");

            var request = opened.Content.As<AuthorizationValidationRequest>();
            var shared = request.SharedAtRequest;
            if (shared.EaId != ea.Certificate.HashedId8)
            {
                throw new PkiException(PkiFailure.WrongAuthority, $"the request names EA {shared.EaId}, this EA is {ea.Certificate.HashedId8} (wrongea)");
            }

            var (station, _) = CheckEcSignature(request.EcSignature, shared, ea, now);
            if (_context.Options.PerModelAa && !string.Equals(aa.Record.Model, station.Idf.Model, StringComparison.Ordinal))
            {
                throw new PkiException(PkiFailure.WrongAuthority, $"the AA {aaDigest} does not serve the station's model {station.Idf.Model} (invalidaa)");
            }

            var confirmed = Confirm(shared.RequestedSubjectAttributes, station, now);
            var response = new AuthorizationValidationResponse(OerExtensions.RequestHash(message.Span), AuthorizationValidationResponseCode.Ok, confirmed);
            return SecuredMessages.SignAndEncryptResponse(EtsiTs102941Data.ValidationResponse(response), ea.Signer, opened.DataKey, now);
        }
    }

    /// <summary>
    /// The station behind an EC signature kept in an AA's resolution record (encrypted for this EA): only the
    /// EA can open it. Null when it cannot be opened or names no EC of this EA.
    /// </summary>
    public string? ResolveStation(byte[] encryptedEcSignature)
    {
        ArgumentNullException.ThrowIfNull(encryptedEcSignature);
        lock (_context.Operation)
        {
            try
            {
                var signature = EcSignatureData(encryptedEcSignature, _context.Ca(AuthorityRole.Enrolment));
                var signer = SecuredMessages.SignerDigest(signature);
                return _context.Store.GetEnrolment(signer)?.StationId;
            }
            catch (PkiException)
            {
                return null;
            }
        }
    }

    // TS 102 941 v1.4.1 §6.2.3.3.1: ecSignature is EtsiTs103097Data-SignedExternalPayload over the
    // SharedAtRequest, signed with the EC (signer digest), usually encrypted for the EA.
    private (StationRecord Station, Certificate Ec) CheckEcSignature(EcSignature ecSignature, SharedAtRequest shared, CaKeys ea, V2x.Time.Time64 now)
    {
        var signed = ecSignature.IsEncrypted
            ? EcSignatureData(ecSignature.Data.Encoded.ToArray(), ea)
            : ecSignature.Data.SignedData!;
        if (signed.TbsData.HeaderInfo.Psid != PkiPsids.CertificateRequest)
        {
            throw new PkiException(PkiFailure.WrongContent, $"ecSignature psid {signed.TbsData.HeaderInfo.Psid}, expected 623");
        }

        SecuredMessages.CheckTime(signed.TbsData.HeaderInfo, now);
        var hash = signed.TbsData.Payload.ExtDataHash;
        var expected = System.Security.Cryptography.SHA256.HashData(shared.ToBytes());
        if (hash is null || hash.Algorithm != V2x.Security.Crypto.HashAlgorithm.Sha256 || !hash.Hash.Span.SequenceEqual(expected))
        {
            throw new PkiException(PkiFailure.BadSignature, "ecSignature does not cover this sharedAtRequest (extDataHash mismatch)");
        }

        var ecDigest = SecuredMessages.SignerDigest(signed);
        var enrolment = _context.Store.GetEnrolment(ecDigest)
            ?? throw new PkiException(PkiFailure.UnknownStation, $"EC {ecDigest} was not issued by this EA (unknownits)");
        var ec = _context.Store.GetCertificate(ecDigest)!;
        if (!ec.ToBeSigned.ValidityPeriod.Contains(now))
        {
            throw new PkiException(PkiFailure.CertificateExpired, $"EC {ecDigest} is not valid now (it ends {ec.ToBeSigned.ValidityPeriod.End.ToUtc():O})");
        }

        if (_context.Store.GetCrlEntries(ea.Certificate.HashedId8).Contains(ecDigest))
        {
            throw new PkiException(PkiFailure.CertificateRevoked, $"EC {ecDigest} is revoked");
        }

        SecuredMessages.VerifyBy(signed, ec, "ecSignature");
        var station = _context.Store.GetStation(enrolment.StationId)!;
        if (RevocationReason(station) is { } reason)
        {
            throw new PkiException(PkiFailure.StationRevoked, reason);
        }

        return (station, ec);
    }

    private static SignedData EcSignatureData(byte[] encrypted, CaKeys ea)
    {
        byte[] plaintext;
        try
        {
            plaintext = Decryptor(ea).DecodeAndDecrypt(encrypted).Plaintext;
        }
        catch (DecodeException e)
        {
            throw new PkiException(PkiFailure.Malformed, $"encryptedEcSignature: {e.Message}", e);
        }
        catch (DecryptionException e)
        {
            throw new PkiException(PkiFailure.Undecryptable, $"encryptedEcSignature: {e.Message}", e);
        }

        try
        {
            return Ieee1609Dot2Data.Decode(plaintext).SignedData
                ?? throw new PkiException(PkiFailure.WrongContent, "encryptedEcSignature does not hold signed data");
        }
        catch (DecodeException e)
        {
            throw new PkiException(PkiFailure.Malformed, $"encryptedEcSignature: {e.Message}", e);
        }
    }

    private SubjectAttributes Confirm(SubjectAttributes requested, StationRecord station, V2x.Time.Time64 now)
    {
        var permissions = new List<PsidSsp>();
        foreach (var p in requested.AppPermissions ?? [])
        {
            if (GrantablePsids.Contains(p.Psid))
            {
                // What the EA knows (the registered station type and role) bounds what the request asks.
                permissions.Add(TicketPermissions.Confirm(p, station.StationType, station.Role));
            }
            else if (p.Psid != PkiPsids.MisbehaviourReport && p.Psid != V2x.Integrity.IntegrityAssurance.Psid)
            {
                throw new PkiException(PkiFailure.DeniedPermissions, $"psid {p.Psid} is not granted to stations (deniedpermissions)");
            }
        }

        permissions.Add(new PsidSsp(PkiPsids.MisbehaviourReport, MisbehaviourSsp(station.Investigator)));
        return new SubjectAttributes
        {
            ValidityPeriod = requested.ValidityPeriod,
            AssuranceLevel = (byte)(station.AssuranceLevel << 5),
            AppPermissions = permissions,
            IntDetectAssuranceLevel = _audit.CurrentLevel(station.Idf, now),
        };
    }
}
