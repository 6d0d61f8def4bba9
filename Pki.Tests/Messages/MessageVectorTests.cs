using PkiProtocol.Messages;
using V2x;
using V2x.Oer;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Time;

namespace Pki.Tests.Messages;

/// <summary>
/// Known-answer encodings of the ETSI TS 102 941 v1.4.1 types, derived octet by octet from the ASN.1 of the
/// ETSI forge module pki_ts102941 (EtsiTs102941BaseTypes major-version-3 minor-version-1, EtsiTs102941TypesEnrolment,
/// EtsiTs102941TypesAuthorization, EtsiTs102941TypesAuthorizationValidation, EtsiTs102941TrustLists,
/// EtsiTs102941MessagesCa) under canonical OER (ITU-T X.696); the clause of each octet is written beside it.
/// </summary>
public sealed class MessageVectorTests
{
    private static readonly SubjectAttributes CamOnly = new() { AppPermissions = [new PsidSsp(Psid.Cam)] };

    public static TheoryData<string, Func<byte[]>, string> EncodeRows => new()
    {
        // CertificateSubjectAttributes: preamble 0x04 (X.696 §16.2: extension bit 0, then id, validityPeriod,
        // region, assuranceLevel absent, appPermissions present, certIssuePermissions absent, padding);
        // SequenceOfPsidSsp quantity 01 01 (§17); PsidSsp preamble 00 (ssp absent); psid 01 24 (§10.6).
        { "attributes, app CAM", () => Encode(CamOnly.Encode), "04 0101 00 0124" },

        // The same with assuranceLevel 0x40 and this project's extension addition intDetectAssuranceLevel 5:
        // preamble 0x8c (extension bit 1, assuranceLevel and appPermissions present); after the root
        // components the extension bitmap 02 07 80 (§16.4: length 2, 7 unused bits, addition 1 present) and
        // the addition as an open type 01 05 (§16.5, §24).
        { "attributes, assurance and IDF level 5", () => Encode((CamOnly with { AssuranceLevel = 0x40, IntDetectAssuranceLevel = 5 }).Encode),
          "8c 40 0101 00 0124 020780 0105" },

        // ToBeSignedCrl: preamble 00 (extensible, no optionals); version: Version ::= INTEGER {v1(1)} has no
        // constraint, so an unconstrained integer 01 01 (§10.8); thisUpdate, nextUpdate Time32; entries 01 01 + HashedId8.
        { "CRL", () => Encode(new ToBeSignedCrl(new Time32(700_000_000), new Time32(700_086_400), [new HashedId8(0x0102030405060708)]).Encode),
          "00 0101 29b92700 29ba7880 0101 0102030405060708" },

        // EtsiTs102941Data: version (v1) is constrained to 1..1, one octet (§10.3); content CHOICE tag [4]
        // certificateRevocationList = 0x84 (§20), then the CRL.
        { "EtsiTs102941Data with a CRL", () => EtsiTs102941Data.Crl(new ToBeSignedCrl(new Time32(700_000_000), new Time32(700_086_400), [])).ToBytes(),
          "01 84 00 0101 29b92700 29ba7880 0100" },

        // InnerEcResponse: preamble 00 (extension bit 0, certificate absent); requestHash 16 octets;
        // EnrolmentResponseCode deniedrequest = 13 (§11); wrapped as content [1].
        { "enrolment response, denied", () => EtsiTs102941Data.EnrolmentResponse(new InnerEcResponse(Fill(0xaa, 16), EnrolmentResponseCode.DeniedRequest, null)).ToBytes(),
          "01 81 00 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 0d" },

        // SharedAtRequest: preamble 00; eaId HashedId8; keyTag 16 octets; certificateFormat 1 (INTEGER (1..255): one octet); attributes.
        { "shared AT request", () => Encode(new SharedAtRequest(new HashedId8(0x1122334455667788), Fill(0x33, 16), 1, CamOnly).Encode),
          "00 1122334455667788 33333333333333333333333333333333 01 04 0101 00 0124" },

        // AuthorizationValidationResponse: preamble 0x40 (extension bit 0, confirmedSubjectAttributes present);
        // requestHash; code ok = 0; attributes carrying intDetectAssuranceLevel 5; wrapped as content [8].
        { "validation response with IDF level", () => EtsiTs102941Data.ValidationResponse(new AuthorizationValidationResponse(Fill(0x5a, 16),
              AuthorizationValidationResponseCode.Ok, CamOnly with { AssuranceLevel = 0x40, IntDetectAssuranceLevel = 5 })).ToBytes(),
          "01 88 40 5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a 00 8c 40 0101 00 0124 020780 0105" },

        // InnerEcRequest: preamble 00; itsId OCTET STRING 05 "obu-1"; certificateFormat 01; PublicKeys preamble 00
        // (encryptionKey absent), verificationKey [0] ecdsaNistP256 80, compressed-y-0 82 + x; attributes with psid 623 = 02 02 6f.
        { "enrolment request body", () => Encode(new InnerEcRequest("obu-1"u8.ToArray(), 1,
              new PublicKeys(new PublicVerificationKey(SignatureAlgorithm.EcdsaNistP256, EccP256CurvePoint.Compressed(Fill(0x11, 32), false))),
              new SubjectAttributes { AppPermissions = [new PsidSsp(PkiPsids.CertificateRequest)] }).Encode),
          "00 05 6f62752d31 01 00 80 82 1111111111111111111111111111111111111111111111111111111111111111 04 0101 00 02026f" },
    };

    [Theory]
    [MemberData(nameof(EncodeRows))]
    public void Encoding_matches_the_asn1_derivation(string name, Func<byte[]> encode, string expected)
    {
        Assert.True(Hex.Of(Hex.Parse(expected)) == Hex.Of(encode()), name);
    }

    [Fact]
    public void Every_encoded_vector_decodes_back_to_the_same_octets()
    {
        foreach (var (name, encode, _) in EncodeRows.Select(r => ((string)r[0], (Func<byte[]>)r[1], (string)r[2])))
        {
            var bytes = encode();
            var again = name switch
            {
                _ when name.StartsWith("attributes", StringComparison.Ordinal) => Encode(Decode(bytes, SubjectAttributes.Decode).Encode),
                "CRL" => Encode(Decode(bytes, ToBeSignedCrl.Decode).Encode),
                "shared AT request" => Encode(Decode(bytes, SharedAtRequest.Decode).Encode),
                "enrolment request body" => Encode(Decode(bytes, InnerEcRequest.Decode).Encode),
                _ => EtsiTs102941Data.Decode(bytes).ToBytes(),
            };
            Assert.True(Hex.Of(bytes) == Hex.Of(again), name);
        }
    }

    [Fact]
    public void Idf_level_is_read_and_a_later_unknown_addition_is_skipped()
    {
        // Bitmap 02 06 c0: two additions present (ours and one of a later version), each an open type.
        var attributes = Decode(Hex.Parse("8c 40 0101 00 0124 0206c0 0105 0100"), SubjectAttributes.Decode);
        Assert.Equal((byte)5, attributes.IntDetectAssuranceLevel);
        Assert.True(attributes.HadUnknownExtensions);
        Assert.Equal((byte)0x40, attributes.AssuranceLevel);

        // A standard encoder's value (no addition) has no level: a legacy EA means "no assurance".
        Assert.Null(Decode(Hex.Parse("04 0101 00 0124"), SubjectAttributes.Decode).IntDetectAssuranceLevel);
    }

    public static TheoryData<string, string, string, string> DecodeFailRows => new()
    {
        { "truncated CRL", "01 84 00 0101 29b92700 29ba7880 0101 01020304", "overruns", "entries" },
        { "EtsiTs102941Data version 2", "02 84 00 0101 29b92700 29ba7880 0100", "version 2", "version" },
        { "CRL version 2", "01 84 00 0102 29b92700 29ba7880 0100", "CRL version 2", "version" },
        { "CRL nextUpdate before thisUpdate", "01 84 00 0101 29ba7880 29b92700 0100", "nextUpdate", "certificateRevocationList" },
        { "unknown content choice", "01 8d 00", "unknown choice", "content" },
        { "link certificate content", "01 8a 0100", "link certificate", "content" },
        { "trust list content", "01 85 00", "not supported", "content" },
        { "attributes without permissions", "01 88 40 5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a 00 00", "neither appPermissions", "confirmedSubjectAttributes" },
        { "IDF level 8", "01 88 40 5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a 00 8c 40 0101 00 0124 020780 0108", "outside 0..7", "intDetectAssuranceLevel" },
        { "ok without attributes", "01 88 00 5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a 00", "exactly when", "authorizationValidationResponse" },
        { "denied with certificate flag", "01 81 40 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 0d", "truncated", "certificate" },
        { "undefined enrolment code", "01 81 00 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 0e", "undefined enumeration", "responseCode" },
        { "trailing octet", "01 84 00 0101 29b92700 29ba7880 0100 00", "trailing", "EtsiTs102941Data" },
    };

    [Theory]
    [MemberData(nameof(DecodeFailRows))]
    public void Malformed_message_is_one_decode_exception(string name, string hex, string reasonPart, string pathPart)
    {
        var error = Assert.Throws<DecodeException>(() => EtsiTs102941Data.Decode(Hex.Parse(hex)));
        Assert.True(error.Reason.Contains(reasonPart, StringComparison.OrdinalIgnoreCase), $"{name}: {error.Reason}");
        Assert.True(error.FieldPath.Contains(pathPart, StringComparison.Ordinal), $"{name}: {error.FieldPath}");
    }

    [Fact]
    public void Request_attributes_with_cert_issue_permissions_are_refused_both_ways()
    {
        var withIssue = CamOnly with { CertIssuePermissions = [new PsidGroupPermissions()] };
        Assert.Throws<ArgumentException>(() => Encode(new SharedAtRequest(default, Fill(0, 16), 1, withIssue).Encode));
        var bytes = Hex.Parse("00 1122334455667788 33333333333333333333333333333333 01") .Concat(Encode(withIssue.Encode)).ToArray();
        var error = Assert.Throws<DecodeException>(() => Decode(bytes, SharedAtRequest.Decode));
        Assert.Contains("certIssuePermissions", error.Reason, StringComparison.Ordinal);
    }

    private static byte[] Encode(Action<OerWriter> encode)
    {
        var writer = new OerWriter(64);
        encode(writer);
        return writer.ToArray();
    }

    private static T Decode<T>(byte[] bytes, Func<OerReader, T> decode)
    {
        var reader = new OerReader(bytes, typeof(T).Name);
        var value = decode(reader);
        reader.ExpectEnd();
        return value;
    }

    private static byte[] Fill(byte value, int count) => Enumerable.Repeat(value, count).ToArray();
}
