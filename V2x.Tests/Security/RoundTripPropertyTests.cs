using CsCheck;
using V2x.Oer;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Time;

namespace V2x.Tests.Security;

/// <summary>Property-based round trips (CsCheck): encode, decode, encode again gives the same octets.</summary>
public sealed class RoundTripPropertyTests
{
    private static Gen<T?> Optional<T>(Gen<T> gen)
        where T : class =>
        Gen.Bool.SelectMany(present => present ? gen.Select(v => (T?)v) : Gen.Const((T?)null));

    private static Gen<T?> OptionalValue<T>(Gen<T> gen)
        where T : struct =>
        Gen.Bool.SelectMany(present => present ? gen.Select(v => (T?)v) : Gen.Const((T?)null));

    private static readonly Gen<byte[]> Coordinate = Gen.Byte.Array[32];

    private static readonly Gen<EccP256CurvePoint> Point =
        Gen.Int[0, 3].SelectMany(form => Gen.Select(Coordinate, Coordinate, (x, y) => form switch
        {
            0 => EccP256CurvePoint.XOnly(x),
            1 => EccP256CurvePoint.Compressed(x, false),
            2 => EccP256CurvePoint.Compressed(x, true),
            _ => EccP256CurvePoint.Uncompressed(x, y),
        }));

    private static readonly Gen<EccP256CurvePoint> KeyPoint =
        Gen.Select(Coordinate, Coordinate, Gen.Int[0, 2], (x, y, f) => f switch
        {
            0 => EccP256CurvePoint.Compressed(x, false),
            1 => EccP256CurvePoint.Compressed(x, true),
            _ => EccP256CurvePoint.Uncompressed(x, y),
        });

    private static readonly Gen<SignatureAlgorithm> Algorithm =
        Gen.Int[0, 2].Select(i => i switch { 0 => SignatureAlgorithm.EcdsaNistP256, 1 => SignatureAlgorithm.EcdsaBrainpoolP256r1, _ => SignatureAlgorithm.Sm2 });

    private static readonly Gen<Signature> SignatureGen =
        Gen.Select(Algorithm, Point, Coordinate, (a, r, s) => new Signature(a, a == SignatureAlgorithm.Sm2 ? EccP256CurvePoint.XOnly(r.X.Span) : r, s));

    private static readonly Gen<Psid> PsidGen = Gen.ULong[0, 0x1020407F].Select(v => new Psid(v));

    private static readonly Gen<TwoDLocation> Location =
        Gen.Select(Gen.Int[TwoDLocation.LatitudeMin, TwoDLocation.LatitudeMax], Gen.Int[TwoDLocation.LongitudeMin, TwoDLocation.LongitudeMax],
            (lat, lon) => new TwoDLocation(lat, lon));

    private static readonly Gen<GeographicRegion> Region = Gen.Int[0, 3].SelectMany(kind => kind switch
    {
        0 => Gen.Select(Location, Gen.UShort, (c, r) => GeographicRegion.FromCircle(new CircularRegion(c, r))),
        1 => Gen.Select(Location, Location, (a, b) => new RectangularRegion(a, b)).Array[0, 3].Select(r => GeographicRegion.FromRectangles(r)),
        2 => Location.Array[3, 5].Select(p => GeographicRegion.FromPolygon(p)),
        _ => Gen.Select(Gen.UShort, Gen.Byte.Array[0, 3], Gen.UShort.Array[0, 2], Gen.Int[0, 2], (c, regions, subs, k) => k switch
        {
            0 => IdentifiedRegion.CountryOnly(c),
            1 => IdentifiedRegion.CountryAndRegions(c, regions),
            _ => IdentifiedRegion.CountryAndSubregions(c, [new RegionAndSubregions(1, subs)]),
        }).Array[1, 3].Select(r => GeographicRegion.FromIdentified(r)),
    });

    private static readonly Gen<PsidSsp> PermissionGen = Gen.Select(PsidGen, Gen.Int[0, 2], Gen.Byte.Array[0, 31], (p, k, ssp) => k switch
    {
        0 => new PsidSsp(p),
        1 => new PsidSsp(p, ServiceSpecificPermissions.Opaque(ssp)),
        _ => new PsidSsp(p, ServiceSpecificPermissions.Bitmap(ssp)),
    });

    private static readonly Gen<PsidGroupPermissions> GroupGen =
        Gen.Select(Gen.Bool, PsidGen, Gen.Long[-3, 300], Gen.Long[-3, 3], Gen.Int[1, 3], (all, psid, min, range, ee) => new PsidGroupPermissions
        {
            ExplicitPermissions = all ? null : [new PsidSspRange(psid, SspRange.All), new PsidSspRange(psid), new PsidSspRange(psid, SspRange.Bitmap([1], [0xFF]))],
            MinChainLength = min,
            ChainLengthRange = range,
            EeType = (EndEntityTypes)(ee << 6),
        });

    private static readonly Gen<ToBeSignedCertificate> TbsGen =
        Gen.Select(Gen.Int[0, 3], Gen.UInt, Gen.UShort, Optional(Region), OptionalValue(Gen.Byte), Optional(PermissionGen.Array[0, 4]),
            Optional(GroupGen.Array[1, 2]), Gen.Select(KeyPoint, Algorithm, Gen.Bool, Gen.Byte.Array[1, 64], (k, a, rollover, id) => (k, a, rollover, id)))
        .Select(t => new ToBeSignedCertificate
        {
            Id = t.Item1 switch
            {
                0 => CertificateId.None,
                1 => CertificateId.FromName("station-" + t.Item2),
                2 => CertificateId.FromBinaryId(t.Item8.id),
                _ => CertificateId.FromLinkage(new LinkageData(t.Item3, new byte[9], new byte[4], new byte[9])),
            },
            CracaId = new HashedId3(t.Item2 & 0xFFFFFF),
            CrlSeries = t.Item3,
            ValidityPeriod = new ValidityPeriod(new Time32(t.Item2), new Duration((DurationUnit)(t.Item3 % 7), t.Item3)),
            Region = t.Item4,
            AssuranceLevel = t.Item5,
            AppPermissions = t.Item6,
            CertIssuePermissions = t.Item7,
            CanRequestRollover = t.Item8.rollover,
            EncryptionKey = t.Item8.rollover ? new PublicEncryptionKey((SymmetricAlgorithm)(t.Item3 % 2), (PublicEncryptionAlgorithm)(t.Item2 % 3), t.Item8.k) : null,
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(new PublicVerificationKey(t.Item8.a, t.Item8.k)),
        });

    private static readonly Gen<Certificate> CertificateGen =
        Gen.Select(TbsGen, SignatureGen, Gen.Int[0, 3], Gen.ULong, (tbs, sig, issuer, digest) => Certificate.Create(CertificateType.Explicit,
            issuer switch
            {
                0 => IssuerIdentifier.Self(HashAlgorithm.Sha256),
                1 => IssuerIdentifier.FromDigest(HashAlgorithm.Sha256, new HashedId8(digest)),
                2 => IssuerIdentifier.FromDigest(HashAlgorithm.Sha384, new HashedId8(digest)),
                _ => IssuerIdentifier.FromDigest(HashAlgorithm.Sm3, new HashedId8(digest)),
            }, tbs, sig));

    private static readonly Gen<HeaderInfo> HeaderGen =
        Gen.Select(PsidGen, OptionalValue(Gen.ULong), OptionalValue(Gen.ULong),
            OptionalValue(Gen.Select(Location, Gen.UShort, (l, e) => new ThreeDLocation(l.LatitudeTenthMicrodegrees, l.LongitudeTenthMicrodegrees, e))),
            OptionalValue(Gen.UInt[0, 0xFFFFFF]), OptionalValue(Gen.Byte), Optional(Gen.Byte.Array[1, 40].Array[1, 3]), Optional(CertificateGen))
        .Select(t => new HeaderInfo
        {
            Psid = t.Item1,
            GenerationTime = t.Item2 is { } g ? new Time64(g) : null,
            ExpiryTime = t.Item3 is { } e ? new Time64(e) : null,
            GenerationLocation = t.Item4,
            P2pcdLearningRequest = t.Item5 is { } h ? new HashedId3(h) : null,
            MissingCrlIdentifier = t.Item5 is { } m ? new MissingCrlIdentifier(new HashedId3(m), 7) : null,
            EncryptionKey = t.Item6 is { } k ? EncryptionKey.FromSymmetric(k % 2 == 0 ? SymmetricAlgorithm.Aes128Ccm : SymmetricAlgorithm.Sm4Ccm, new byte[16]) : null,
            InlineP2pcdRequest = t.Item5 is { } i ? [new HashedId3(i)] : null,
            PduFunctionalType = t.Item6,
            ContributedExtensions = t.Item7?.Select((ext, n) => new ContributedExtensionBlock((byte)n, [ext])).ToArray(),
            RequestedCertificate = t.Item8,
        });

    private static byte[] Encode(Action<OerWriter> encode)
    {
        var writer = new OerWriter();
        encode(writer);
        return writer.ToArray();
    }

    [Fact]
    public void Certificates_round_trip()
    {
        CertificateGen.Sample(cert =>
        {
            var decoded = Certificate.Decode(cert.Encoded);
            var again = Certificate.Create(decoded.Type, decoded.Issuer, decoded.ToBeSigned, decoded.Signature);
            return cert.Encoded.Span.SequenceEqual(again.Encoded.Span);
        }, iter: 300);
    }

    [Fact]
    public void Header_info_round_trips()
    {
        HeaderGen.Sample(header =>
        {
            var bytes = Encode(header.Encode);
            var reader = new OerReader(bytes, "HeaderInfo");
            var decoded = HeaderInfo.Decode(reader);
            reader.ExpectEnd();
            return bytes.AsSpan().SequenceEqual(Encode(decoded.Encode));
        }, iter: 300);
    }

    [Fact]
    public void Signed_data_with_any_header_round_trips_through_ieee1609dot2data()
    {
        Gen.Select(HeaderGen, SignatureGen, Gen.Byte.Array[0, 300], Gen.ULong, (h, s, p, d) => (h, s, p, d)).Sample(t =>
        {
            var tbs = ToBeSignedData.Create(new SignedDataPayload(Ieee1609Dot2Data.Unsecured(t.p), null), t.h);
            var data = Ieee1609Dot2Data.Signed(new SignedData(SignatureInputHash(t.s), tbs, SignerIdentifier.FromDigest(new HashedId8(t.d)), t.s));
            var decoded = Ieee1609Dot2Data.Decode(data.Encoded);
            var again = Ieee1609Dot2Data.Signed(new SignedData(decoded.SignedData!.HashId,
                ToBeSignedData.Create(decoded.SignedData.TbsData.Payload, decoded.SignedData.TbsData.HeaderInfo),
                decoded.SignedData.Signer, decoded.SignedData.Signature));
            return data.Encoded.Span.SequenceEqual(again.Encoded.Span) && decoded.SignedData.TbsData.Payload.Data!.Opaque.Span.SequenceEqual(t.p);
        }, iter: 200);
    }

    private static HashAlgorithm SignatureInputHash(Signature s) => SignatureInput.HashFor(s.Algorithm);
}
