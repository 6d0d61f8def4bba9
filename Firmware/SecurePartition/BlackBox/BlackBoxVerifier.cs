using System.Security.Cryptography;
using V2x.Security.Crypto;

namespace Firmware.SecurePartition.BlackBox;

/// <summary>
/// Verifies a black box end to end and names the first bad entry (the `blackbox verify`
/// command): segment numbers consecutive, every entry parses, sequences consecutive, each
/// previous hash equal to the hash of the entry before (entry 1: zero), every signature valid
/// under a trusted key, and the last entry equal to the signed head record (nothing cut off the end).
/// A torn entry after the head (a power cut mid-append) is not an error, nor is a torn entry the
/// writer left behind when it carried on in the next segment from the same sequence. The first retained
/// entry after a ring rotation cannot have its previous hash checked (its predecessor is gone).
/// </summary>
public static class BlackBoxVerifier
{
    /// <summary>Verifies a medium against the head record and the trusted black-box keys.</summary>
    public static BlackBoxVerification Verify(IBlackBoxMedium medium, BlackBoxHead? head, IReadOnlyList<PublicVerificationKey> trustedKeys)
    {
        ArgumentNullException.ThrowIfNull(medium);
        ArgumentNullException.ThrowIfNull(trustedKeys);
        var keys = new Dictionary<string, VerificationKey>(StringComparer.Ordinal);
        try
        {
            foreach (var k in trustedKeys)
            {
                keys[Convert.ToHexString(BlackBoxFormat.KeyId(k))] = VerificationKey.Import(k);
            }

            return Run(medium, head, keys);
        }
        finally
        {
            foreach (var k in keys.Values)
            {
                k.Dispose();
            }
        }
    }

    private static BlackBoxVerification Run(IBlackBoxMedium medium, BlackBoxHead? head, Dictionary<string, VerificationKey> keys)
    {
        var segmentBytes = BlackBoxFormat.SegmentBytes(medium.CapacityBytes);
        var all = BlackBoxSegment.ReadAll(medium);
        if (all.FirstOrDefault(s => s.Number is null && !s.Erased) is { } corrupt)
        {
            return new(BlackBoxProblem.SegmentCorrupt, 0, null, corrupt.Index * segmentBytes, $"segment {corrupt.Index} has a corrupt header");
        }

        var segments = all.Where(s => s.Number is not null).OrderBy(s => s.Number).ToList();
        for (var i = 1; i < segments.Count; i++)
        {
            if (segments[i].Number != segments[i - 1].Number + 1)
            {
                return new(BlackBoxProblem.SegmentGap, 0, segments[i].FirstSequence, segments[i].Index * segmentBytes,
                    $"segment number {segments[i].Number} follows {segments[i - 1].Number}");
            }
        }

        var verified = 0;
        BlackBoxEntry? previous = null;
        for (var si = 0; si < segments.Count; si++)
        {
            var s = segments[si];
            var isLast = si == segments.Count - 1;
            var offset = BlackBoxFormat.SegmentHeaderBytes;
            var first = true;
            while (true)
            {
                var mediumOffset = (s.Index * segmentBytes) + offset;
                var (entry, problem, erased) = BlackBoxFormat.ParseEntry(s.Bytes, offset, s.Index * segmentBytes);
                if (erased)
                {
                    break;
                }

                var expected = previous is null ? (ulong?)null : previous.Sequence + 1;
                if (!isLast && expected is not null && segments[si + 1].FirstSequence == expected
                    && (entry is null || !VerifiesWithAny(s.Bytes, entry, offset, keys)))
                {
                    // The writer abandoned a torn append here and carried on in the next segment
                    // from the same sequence: the rest of this segment is not part of the log.
                    break;
                }

                if (entry is null)
                {
                    if (isLast && head is not null && (previous?.Sequence ?? 0) >= head.Sequence)
                    {
                        // A torn append after the head: the writer was cut mid-entry; not tampering.
                        break;
                    }

                    return new(BlackBoxProblem.Malformed, verified, expected, mediumOffset, problem!);
                }

                var bad = Check(entry, previous, first ? s.FirstSequence : null, s.Bytes, offset, keys);
                if (bad is not null)
                {
                    if (isLast && head is not null && bad.Value.Problem == BlackBoxProblem.BadSignature && entry.Sequence > head.Sequence
                        && s.Bytes.AsSpan(offset + BlackBoxFormat.EntryOverheadBytes + entry.Payload.Length).IndexOfAnyExcept((byte)0xFF) < 0)
                    {
                        break;
                    }

                    return new(bad.Value.Problem, verified, entry.Sequence, mediumOffset, bad.Value.Detail);
                }

                verified++;
                previous = entry;
                first = false;
                offset += BlackBoxFormat.EntryOverheadBytes + entry.Payload.Length;
            }
        }

        if (head is null && previous is not null)
        {
            return new(BlackBoxProblem.HeadMismatch, verified, null, null, "the log has entries but there is no head record");
        }

        if (head is not null)
        {
            if (!keys.Values.Any(head.VerifiedBy))
            {
                return new(BlackBoxProblem.HeadMismatch, verified, head.Sequence, null, "the head record is not signed by a trusted key");
            }

            var last = previous?.Sequence ?? 0;
            if (last < head.Sequence)
            {
                return new(BlackBoxProblem.Truncated, verified, last + 1, null, $"the log ends at entry {last}; the head record names entry {head.Sequence}");
            }

            if (previous is not null && last == head.Sequence && !CryptographicOperations.FixedTimeEquals(previous.Hash, head.Hash))
            {
                return new(BlackBoxProblem.HeadMismatch, verified - 1, last, previous.Offset, $"entry {last} is not the entry the head record names");
            }

            if (last > head.Sequence + 1)
            {
                return new(BlackBoxProblem.HeadMismatch, verified, head.Sequence + 2, null, $"the log runs to entry {last}, past the head record's {head.Sequence}");
            }
        }

        return new(BlackBoxProblem.None, verified, null, null, $"{verified} entries verified");
    }

    private static bool VerifiesWithAny(byte[] segment, BlackBoxEntry entry, int offset, Dictionary<string, VerificationKey> keys) =>
        keys.TryGetValue(Convert.ToHexString(entry.KeyId), out var key) && BlackBoxFormat.VerifySignature(segment, entry, offset, key);

    private static (BlackBoxProblem Problem, string Detail)? Check(BlackBoxEntry entry, BlackBoxEntry? previous, ulong? segmentFirst,
        byte[] segment, int offset, Dictionary<string, VerificationKey> keys)
    {
        if (previous is not null && entry.Sequence != previous.Sequence + 1)
        {
            return (BlackBoxProblem.SequenceBreak, $"entry {entry.Sequence} follows entry {previous.Sequence}");
        }

        if (segmentFirst is { } firstSequence && entry.Sequence != firstSequence)
        {
            return (BlackBoxProblem.SequenceBreak, $"the segment starts at entry {firstSequence}, its first entry is {entry.Sequence}");
        }

        if (previous is not null && !CryptographicOperations.FixedTimeEquals(entry.PreviousHash, previous.Hash))
        {
            return (BlackBoxProblem.ChainBroken, $"entry {entry.Sequence} does not chain to entry {previous.Sequence}");
        }

        if (previous is null && entry.Sequence == 1 && entry.PreviousHash.AsSpan().IndexOfAnyExcept((byte)0) >= 0)
        {
            return (BlackBoxProblem.ChainBroken, "entry 1 has a non-zero previous hash");
        }

        if (!keys.TryGetValue(Convert.ToHexString(entry.KeyId), out var key))
        {
            return (BlackBoxProblem.UnknownKey, $"entry {entry.Sequence} is signed by key {Convert.ToHexStringLower(entry.KeyId)}, which is not trusted");
        }

        return BlackBoxFormat.VerifySignature(segment, entry, offset, key)
            ? null
            : (BlackBoxProblem.BadSignature, $"the signature of entry {entry.Sequence} does not verify");
    }
}
