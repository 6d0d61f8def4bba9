using System.Net;
using Firmware.SecurePartition.Encoding;

namespace Firmware.SecurePartition.Policy;

/// <summary>
/// Binary forms of the indicator rules (stored record "idf.indicators" and the protocol bodies of
/// update-indicator-rules / list-indicator-rules), big-endian, <see cref="ByteWriter"/> conventions:
/// <code>
/// rule   = u8 kind | kind 1: bytes sha256 (32)
///                  | kind 2: text process name (≤ 64)
///                  | kind 3: bytes address (4 or 16) | u8 prefix | u16 port (0 any)
///                  | kind 4: text software name (≤ 128) | text version (≤ 64)
/// entry  = raw uuid (16, RFC 9562 byte order) | time modified | time valid from | bool has until [time valid until]
///        | list rule (1..16)
/// set    = u8 format (1) | u32 revision | list entry
/// update = u8 format (1) | list entry (upserts) | list raw uuid (16) (removals)
/// </code>
/// </summary>
public static class IndicatorRuleCodec
{
    /// <summary>Format byte of the set and of the update (the operation's version).</summary>
    public const byte Format = 1;

    /// <summary>Most rules one indicator may carry.</summary>
    public const int MaxRulesPerEntry = 16;

    /// <summary>Most entries a set or an update may carry.</summary>
    public const int MaxEntries = 64;

    /// <summary>Encodes a stored rule set.</summary>
    public static byte[] EncodeSet(uint revision, IReadOnlyCollection<IndicatorEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var w = new ByteWriter(512).U8(Format).U32(revision);
        w.List(entries, WriteEntry);
        return w.ToArray();
    }

    /// <summary>Decodes a stored rule set.</summary>
    /// <exception cref="MalformedDataException">Not a rule set.</exception>
    public static (uint Revision, List<IndicatorEntry> Entries) DecodeSet(ReadOnlyMemory<byte> bytes)
    {
        var r = new ByteReader(bytes, "IndicatorRuleSet");
        ReadFormat(r);
        var revision = r.U32("revision");
        var entries = r.List("entries", MaxEntries, ReadEntry);
        r.ExpectEnd();
        return (revision, entries);
    }

    /// <summary>Encodes an update request body.</summary>
    public static byte[] EncodeUpdate(IndicatorRuleUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var w = new ByteWriter(512).U8(Format);
        w.List(update.Upserts.ToList(), WriteEntry);
        w.List(update.Removals.ToList(), static (w, id) => w.Raw(Uuid(id)));
        return w.ToArray();
    }

    /// <summary>Decodes an update request body.</summary>
    /// <exception cref="MalformedDataException">Not an update.</exception>
    public static IndicatorRuleUpdate DecodeUpdate(ReadOnlyMemory<byte> bytes)
    {
        var r = new ByteReader(bytes, "IndicatorRuleUpdate");
        ReadFormat(r);
        var upserts = r.List("upserts", MaxEntries, ReadEntry);
        var removals = r.List("removals", MaxEntries, static r => new Guid(r.Raw(16, "removal"), bigEndian: true));
        r.ExpectEnd();
        return new IndicatorRuleUpdate(upserts, removals);
    }

    /// <summary>Writes one entry.</summary>
    public static void WriteEntry(ByteWriter w, IndicatorEntry e)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(e);
        w.Raw(Uuid(e.IndicatorId)).Time(e.Modified).Time(e.ValidFrom).Bool(e.ValidUntil is not null);
        if (e.ValidUntil is { } until)
        {
            w.Time(until);
        }

        w.List(e.Rules.ToList(), WriteRule);
    }

    /// <summary>Reads one entry.</summary>
    /// <exception cref="MalformedDataException">Not an entry.</exception>
    public static IndicatorEntry ReadEntry(ByteReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var id = new Guid(r.Raw(16, "indicator"), bigEndian: true);
        var modified = r.Time("modified");
        var from = r.Time("validFrom");
        DateTimeOffset? until = r.Bool("hasValidUntil") ? r.Time("validUntil") : null;
        var at = r.Offset;
        var rules = r.List("rules", MaxRulesPerEntry, ReadRule);
        if (rules.Count == 0)
        {
            throw r.Fail("rules", at, "an indicator entry carries at least one rule");
        }

        if (until is { } u && u <= from)
        {
            throw r.Fail("validUntil", at, "valid until is not after valid from (STIX 2.1 §4.7)");
        }

        return new IndicatorEntry(id, modified, from, until, rules);
    }

    private static void WriteRule(ByteWriter w, IndicatorRule rule)
    {
        w.U8((byte)rule.Kind);
        switch (rule.Kind)
        {
            case IndicatorRuleKind.ImageHash:
                w.Bytes(rule.Sha256());
                break;
            case IndicatorRuleKind.ProcessName:
                w.Text(rule.Value);
                break;
            case IndicatorRuleKind.Peer:
                w.Bytes(rule.Network!.GetAddressBytes()).U8((byte)rule.PrefixLength).U16((ushort)rule.Port);
                break;
            default:
                w.Text(rule.Value).Text(rule.Version);
                break;
        }
    }

    private static IndicatorRule ReadRule(ByteReader r)
    {
        var at = r.Offset;
        var kind = r.Enum<IndicatorRuleKind>("kind");
        try
        {
            switch (kind)
            {
                case IndicatorRuleKind.ImageHash:
                    return IndicatorRule.ImageHash(r.Bytes("sha256", 32));
                case IndicatorRuleKind.ProcessName:
                    return IndicatorRule.ProcessName(r.Text("process", IndicatorRule.MaxNameBytes));
                case IndicatorRuleKind.Peer:
                    var address = r.Bytes("address", 16);
                    var prefix = r.U8("prefix");
                    var port = r.U16("port");
                    if (address.Length is not (4 or 16))
                    {
                        throw r.Fail("address", at, "an address is 4 or 16 bytes");
                    }

                    return IndicatorRule.Peer(new IPAddress(address), prefix, port);
                default:
                    return IndicatorRule.Software(r.Text("software", IndicatorRule.MaxSoftwareNameBytes), r.Text("version", IndicatorRule.MaxVersionBytes));
            }
        }
        catch (ArgumentException e)
        {
            throw r.Fail("rule", at, e.Message);
        }
    }

    private static void ReadFormat(ByteReader r)
    {
        if (r.U8("format") != Format)
        {
            throw r.Fail("format", 0, $"format is not {Format}");
        }
    }

    private static byte[] Uuid(Guid id)
    {
        var bytes = new byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return bytes;
    }
}
