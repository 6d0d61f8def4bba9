using System.Security.Cryptography;

namespace Bench.Tests.Interop;

/// <summary>
/// An IEEE 1609.2-2016 explicit certificate as the legacy receiver model reads it (§6.4, ETSI TS 103 097 v1.3.1
/// profile): the fields chain checks use, the octets as received (which it hashes, like a stack that re-encodes
/// a canonical certificate to the same octets) and the toBeSigned octets its signature covers.
/// </summary>
internal sealed record LegacyCertificate
{
    public required ReadOnlyMemory<byte> Encoded { get; init; }

    public required ReadOnlyMemory<byte> ToBeSigned { get; init; }

    /// <summary>Null for a self-signed certificate.</summary>
    public required string? IssuerDigest { get; init; }

    public required uint ValidityStart { get; init; }

    public required uint ValidityEnd { get; init; }

    /// <summary>The region's kind (identified, circular, …) or null for none.</summary>
    public required string? Region { get; init; }

    public required byte? AssuranceLevel { get; init; }

    public required IReadOnlyList<ulong> AppPsids { get; init; }

    /// <summary>PSIDs this CA may issue; null when it issues everything (subjectPermissions all) or is no CA.</summary>
    public required IReadOnlyList<ulong>? IssuablePsids { get; init; }

    public required bool IsCa { get; init; }

    public required LegacyPoint Key { get; init; }

    public required LegacySignature Signature { get; init; }

    /// <summary>HashedId8: the last 8 octets of SHA-256 over the certificate as received.</summary>
    public string Digest => Convert.ToHexStringLower(SHA256.HashData(Encoded.Span)[^8..]);

    public static LegacyCertificate Read(LegacyOer r)
    {
        var start = r.Position;
        var hasSignature = r.Preamble(1)[0];
        if (r.Byte() != 3)
        {
            throw new LegacyDecodeException("certificate version");
        }

        if (r.Byte() != 0)
        {
            throw new LegacyDecodeException("not an explicit certificate");
        }

        string? issuer = r.ChoiceTag() switch
        {
            0 => Convert.ToHexStringLower(r.Octets(8).Span),
            1 => SkipHashAlgorithm(r),
            _ => throw new LegacyDecodeException("issuer choice"),
        };
        var tbsStart = r.Position;
        var p = r.Preamble(8);
        if (p[0])
        {
            throw new LegacyDecodeException("ToBeSignedCertificate extension additions are not modelled");
        }

        SkipCertificateId(r);
        r.Octets(3);
        r.U16();
        var validityStart = r.U32();
        var validityEnd = validityStart + Duration(r);
        var region = p[1] ? ReadRegion(r) : null;
        byte? assurance = p[2] ? r.Byte() : null;
        var app = p[3] ? PsidSsps(r) : [];
        IReadOnlyList<ulong>? issuable = null;
        if (p[4])
        {
            issuable = GroupPermissions(r);
        }

        if (p[5])
        {
            GroupPermissions(r);
        }

        if (p[6])
        {
            throw new LegacyDecodeException("canRequestRollover is not modelled");
        }

        if (p[7])
        {
            r.Byte();
            r.ChoiceTag();
            LegacyPoint.Read(r);
        }

        if (r.ChoiceTag() != 0 || r.ChoiceTag() != 0)
        {
            throw new LegacyDecodeException("verification key other than ecdsaNistP256");
        }

        var key = LegacyPoint.Read(r);
        var tbsEnd = r.Position;
        if (!hasSignature)
        {
            throw new LegacyDecodeException("explicit certificate without signature");
        }

        var signature = LegacySignature.Read(r);
        return new LegacyCertificate
        {
            Encoded = r.Data[start..r.Position],
            ToBeSigned = r.Data[tbsStart..tbsEnd],
            IssuerDigest = issuer,
            ValidityStart = validityStart,
            ValidityEnd = validityEnd,
            Region = region,
            AssuranceLevel = assurance,
            AppPsids = app,
            IssuablePsids = issuable is { Count: 0 } ? null : issuable,
            IsCa = p[4],
            Key = key,
            Signature = signature,
        };
    }

    private static string? SkipHashAlgorithm(LegacyOer r)
    {
        r.Byte();
        return null;
    }

    private static void SkipCertificateId(LegacyOer r)
    {
        switch (r.ChoiceTag())
        {
            case 1:
            case 2:
                r.Octets(r.Length());
                break;
            case 3:
                break;
            default:
                throw new LegacyDecodeException("certificate id choice");
        }
    }

    // 1609.2 Duration: microseconds, milliseconds, seconds, minutes, hours, sixtyHours, years; as seconds.
    private static uint Duration(LegacyOer r)
    {
        var tag = r.ChoiceTag();
        var n = r.U16();
        return tag switch
        {
            2 => n,
            3 => n * 60u,
            4 => n * 3600u,
            5 => n * 216000u,
            6 => n * 31556952u,
            _ => 0,
        };
    }

    private static string ReadRegion(LegacyOer r)
    {
        switch (r.ChoiceTag())
        {
            case 0:
                r.Octets(10);
                return "circular";
            case 3:
                var n = r.Quantity();
                for (var i = 0; i < n; i++)
                {
                    if (r.ChoiceTag() != 0)
                    {
                        throw new LegacyDecodeException("identified region other than countryOnly");
                    }

                    r.U16();
                }

                return "identified";
            default:
                throw new LegacyDecodeException("region kind not modelled");
        }
    }

    private static List<ulong> PsidSsps(LegacyOer r)
    {
        var list = new List<ulong>();
        var n = r.Quantity();
        for (var i = 0; i < n; i++)
        {
            var hasSsp = r.Preamble(8)[0];
            list.Add(r.LengthPrefixedUnsigned());
            if (hasSsp)
            {
                switch (r.ChoiceTag())
                {
                    case 0:
                        r.Octets(r.Length());
                        break;
                    case 1:
                        r.OpenType();
                        break;
                    default:
                        throw new LegacyDecodeException("ssp choice");
                }
            }
        }

        return list;
    }

    // The PSIDs a CA may issue: the union of explicit lists; empty when some group says "all".
    private static List<ulong> GroupPermissions(LegacyOer r)
    {
        var list = new List<ulong>();
        var all = false;
        var n = r.Quantity();
        for (var i = 0; i < n; i++)
        {
            var p = r.Preamble(3);
            switch (r.ChoiceTag())
            {
                case 0:
                    var m = r.Quantity();
                    for (var j = 0; j < m; j++)
                    {
                        var hasRange = r.Preamble(8)[0];
                        list.Add(r.LengthPrefixedUnsigned());
                        if (hasRange)
                        {
                            SkipSspRange(r);
                        }
                    }

                    break;
                case 1:
                    all = true;
                    break;
                default:
                    throw new LegacyDecodeException("subjectPermissions choice");
            }

            if (p[0])
            {
                r.Octets(r.Length());
            }

            if (p[1])
            {
                r.Octets(r.Length());
            }

            if (p[2])
            {
                r.Byte();
            }
        }

        return all ? [] : list;
    }

    private static void SkipSspRange(LegacyOer r)
    {
        switch (r.ChoiceTag())
        {
            case 0:
                var n = r.Quantity();
                for (var i = 0; i < n; i++)
                {
                    r.Octets(r.Length());
                }

                break;
            case 1:
                break;
            case 2:
                r.OpenType();
                break;
            default:
                throw new LegacyDecodeException("sspRange choice");
        }
    }
}
