namespace Bench.Tests.Interop;

/// <summary>
/// A signed GeoNetworking frame as the legacy receiver model decodes it: Ethernet II, the Basic Header (NH 2,
/// secured), then IEEE 1609.2-2016 <c>Ieee1609Dot2Data</c> in canonical OER, with HeaderInfo as deployed stacks
/// know it (the 2016 root components and the 1609.2a additions inlineP2pcdRequest and requestedCertificate, no
/// more). What it keeps is what it can re-encode (<see cref="ReencodeToBeSigned"/>): that is what such a stack
/// hashes, not the octets received.
/// </summary>
internal sealed record LegacySpdu
{
    /// <summary>HeaderInfo extension additions this model (and vanetza's ASN.1, IEEE 1609.2a-2017) knows.</summary>
    public const int KnownHeaderAdditions = 2;

    public required ReadOnlyMemory<byte> Packet { get; init; }

    public required ulong Psid { get; init; }

    public required ulong? GenerationTime { get; init; }

    public required ulong? ExpiryTime { get; init; }

    public required ReadOnlyMemory<byte>? GenerationLocation { get; init; }

    /// <summary>Known HeaderInfo additions as received (index, open-type content).</summary>
    public required IReadOnlyList<(int Index, ReadOnlyMemory<byte> Content)> KnownAdditions { get; init; }

    /// <summary>HeaderInfo additions the model did not know (their octets were misread, not skipped).</summary>
    public required int UnknownAdditions { get; init; }

    public required string? SignerDigest { get; init; }

    public required LegacyCertificate? SignerCertificate { get; init; }

    public required LegacySignature Signature { get; init; }

    /// <summary>Decodes a frame; with <paramref name="skipRepaired"/> an unknown addition is skipped whole (by its open-type length, X.696 §16.5), as a fixed runtime would.</summary>
    public static LegacySpdu Decode(ReadOnlyMemory<byte> frame, bool skipRepaired = false)
    {
        // Ethernet II (IEEE 802.3 §3.2) and the GeoNetworking Basic Header (EN 302 636-4-1 §9.6, NH 2: secured).
        if (frame.Length < 18 || frame.Span[12] != 0x89 || frame.Span[13] != 0x47 || (frame.Span[14] & 0x0F) != 2)
        {
            throw new LegacyDecodeException("not a secured GeoNetworking frame");
        }

        var r = new LegacyOer(frame[18..]);
        if (r.Byte() != 3 || r.ChoiceTag() != 1)
        {
            throw new LegacyDecodeException("not Ieee1609Dot2Data v3 signedData");
        }

        if (r.Byte() != 0)
        {
            throw new LegacyDecodeException("hash algorithm other than sha256");
        }

        var payload = r.Preamble(3);
        if (payload[0] || !payload[1] || payload[2])
        {
            throw new LegacyDecodeException("payload other than data");
        }

        if (r.Byte() != 3 || r.ChoiceTag() != 0)
        {
            throw new LegacyDecodeException("payload other than unsecuredData");
        }

        var packet = r.Octets(r.Length());
        var h = r.Preamble(7);
        var psid = r.LengthPrefixedUnsigned();
        ulong? generation = h[1] ? r.U64() : null;
        ulong? expiry = h[2] ? r.U64() : null;
        ReadOnlyMemory<byte>? location = h[3] ? r.Octets(10) : (ReadOnlyMemory<byte>?)null;
        if (h[4] || h[5] || h[6])
        {
            throw new LegacyDecodeException("HeaderInfo components this model leaves out");
        }

        var known = new List<(int, ReadOnlyMemory<byte>)>();
        var unknown = 0;
        if (h[0])
        {
            var present = r.AdditionBitmap();
            for (var i = 0; i < present.Length; i++)
            {
                if (!present[i])
                {
                    continue;
                }

                if (i < KnownHeaderAdditions)
                {
                    known.Add((i, r.OpenType()));
                }
                else if (skipRepaired)
                {
                    unknown++;
                    r.OpenType();
                }
                else
                {
                    unknown++;
                    r.SkipUnknownAdditionLikeAsn1c();
                }
            }
        }

        string? digest = null;
        LegacyCertificate? certificate = null;
        switch (r.ChoiceTag())
        {
            case 0:
                digest = Convert.ToHexStringLower(r.Octets(8).Span);
                break;
            case 1:
                if (r.Quantity() != 1)
                {
                    throw new LegacyDecodeException("signer with more than one certificate");
                }

                certificate = LegacyCertificate.Read(r);
                break;
            default:
                throw new LegacyDecodeException("signer choice");
        }

        var signature = LegacySignature.Read(r);
        if (r.Remaining != 0)
        {
            throw new LegacyDecodeException($"{r.Remaining} octets after the SPDU");
        }

        return new LegacySpdu
        {
            Packet = packet,
            Psid = psid,
            GenerationTime = generation,
            ExpiryTime = expiry,
            GenerationLocation = location,
            KnownAdditions = known,
            UnknownAdditions = unknown,
            SignerDigest = digest,
            SignerCertificate = certificate,
            Signature = signature,
        };
    }

    /// <summary>
    /// ToBeSignedData encoded again from the decoded fields (what an asn1c-based stack hashes): payload as data
    /// with unsecuredData, HeaderInfo with the components and known additions it holds; unknown additions are gone.
    /// </summary>
    public byte[] ReencodeToBeSigned()
    {
        var w = new List<byte> { 0x40, 0x03, 0x80 };
        w.AddRange(LengthOf(Packet.Length));
        w.AddRange(Packet.ToArray());
        var preamble = (byte)((KnownAdditions.Count > 0 ? 0x80 : 0) | (GenerationTime.HasValue ? 0x40 : 0) | (ExpiryTime.HasValue ? 0x20 : 0)
            | (GenerationLocation.HasValue ? 0x10 : 0));
        w.Add(preamble);
        var psid = BigEndianMinimal(Psid);
        w.AddRange(LengthOf(psid.Length));
        w.AddRange(psid);
        if (GenerationTime is { } g)
        {
            w.AddRange(BigEndian(g, 8));
        }

        if (ExpiryTime is { } e)
        {
            w.AddRange(BigEndian(e, 8));
        }

        if (GenerationLocation is { } l)
        {
            w.AddRange(l.ToArray());
        }

        if (KnownAdditions.Count > 0)
        {
            // X.696 §16.4: bitmap of the known additions only (two bits, six unused), then each as an open type.
            var bits = KnownAdditions.Aggregate(0, (acc, a) => acc | (0x80 >> a.Index));
            w.AddRange([0x02, 0x06, (byte)bits]);
            foreach (var (_, content) in KnownAdditions)
            {
                w.AddRange(LengthOf(content.Length));
                w.AddRange(content.ToArray());
            }
        }

        return [.. w];
    }

    private static byte[] LengthOf(int length) =>
        length < 128 ? [(byte)length] : length < 256 ? [0x81, (byte)length] : [0x82, (byte)(length >> 8), (byte)length];

    private static byte[] BigEndian(ulong value, int count) => [.. Enumerable.Range(0, count).Select(i => (byte)(value >> (8 * (count - 1 - i))))];

    private static byte[] BigEndianMinimal(ulong value)
    {
        var count = 1;
        while (count < 8 && value >> (8 * count) != 0)
        {
            count++;
        }

        return BigEndian(value, count);
    }
}
