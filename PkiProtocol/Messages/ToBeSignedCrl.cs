using V2x.Oer;
using V2x.Security;
using V2x.Time;

namespace PkiProtocol.Messages;

/// <summary>
/// ETSI TS 102 941 v1.4.1 §6.3.3 (EtsiTs102941TrustLists) ToBeSignedCrl ::= SEQUENCE { version Version,
/// thisUpdate Time32, nextUpdate Time32, entries SEQUENCE OF CrlEntry, ... }; CrlEntry ::= HashedId8;
/// Version ::= INTEGER {v1(1)} without a constraint, so it is an unconstrained integer (X.696 §10.8:
/// length 1, value 1).
/// </summary>
public sealed record ToBeSignedCrl(Time32 ThisUpdate, Time32 NextUpdate, IReadOnlyList<HashedId8> Entries)
{
    public const int Version = 1;

    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (NextUpdate <= ThisUpdate)
        {
            throw new ArgumentException("nextUpdate is after thisUpdate");
        }

        writer.WritePreamble(true, false, 0, 0);
        writer.WriteUnconstrainedSigned(Version);
        writer.WriteUInt32(ThisUpdate.Seconds);
        writer.WriteUInt32(NextUpdate.Seconds);
        writer.WriteQuantity(Entries.Count);
        foreach (var entry in Entries)
        {
            entry.Encode(writer);
        }
    }

    public static ToBeSignedCrl Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var start = reader.Position;
        reader.ReadPreamble(true, 0, out var extension);
        reader.Push("version");
        var at = reader.Position;
        var version = reader.ReadUnconstrainedSigned();
        if (version != Version)
        {
            throw reader.FailAt(at, $"CRL version {version}, expected {Version}");
        }

        reader.Pop();
        reader.Push("thisUpdate");
        var thisUpdate = new Time32(reader.ReadUInt32());
        reader.Pop();
        reader.Push("nextUpdate");
        var nextUpdate = new Time32(reader.ReadUInt32());
        reader.Pop();
        if (nextUpdate <= thisUpdate)
        {
            throw reader.FailAt(start, "nextUpdate is not after thisUpdate");
        }

        reader.Push("entries");
        var entries = new HashedId8[reader.ReadQuantity(minElementOctets: 8)];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = HashedId8.Decode(reader);
        }

        reader.Pop();
        OerExtensions.SkipAdditions(reader, extension);
        return new ToBeSignedCrl(thisUpdate, nextUpdate, entries);
    }
}
