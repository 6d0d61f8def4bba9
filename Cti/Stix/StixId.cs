using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Cti.Stix;

/// <summary>
/// A STIX 2.1 identifier, <c>object-type--UUID</c> (STIX 2.1 §2.9 "identifier").
/// </summary>
/// <remarks>
/// The type part follows §2.6 / §3.1 (3 to 250 characters, lower-case ASCII letters, digits and
/// hyphens, no leading or trailing hyphen, no double hyphen); the UUID must be RFC 4122
/// compliant: version 1 to 5 and the RFC 4122 variant (the pattern of the OASIS STIX 2.1 JSON
/// schema <c>common/identifier.json</c>).
/// </remarks>
public readonly record struct StixId
{
    /// <summary>
    /// The namespace of deterministic SCO identifiers, STIX 2.1 §2.9: UUIDv5 over the JSON
    /// canonical form (RFC 8785) of the ID contributing properties.
    /// </summary>
    public static readonly Guid ObservableNamespace = new("00abedb4-aa42-466c-9c01-fed23315a9b7");

    private StixId(string type, Guid uuid)
    {
        Type = type;
        Uuid = uuid;
    }

    /// <summary>The object type, e.g. <c>indicator</c>.</summary>
    public string Type { get; }

    /// <summary>The UUID part.</summary>
    public Guid Uuid { get; }

    /// <summary>Builds an identifier; a malformed type name or a non-RFC 4122 UUID is a caller's mistake.</summary>
    public static StixId Create(string type, Guid uuid)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!IsValidTypeName(type))
        {
            throw new ArgumentException($"'{type}' is not a valid STIX type name (STIX 2.1 §3.1)", nameof(type));
        }

        if (!IsRfc4122(uuid))
        {
            throw new ArgumentException("the UUID is not RFC 4122 (version 1-5, variant 10xx), STIX 2.1 §2.9", nameof(uuid));
        }

        return new StixId(type, uuid);
    }

    /// <summary>Parses an identifier received from outside.</summary>
    public static bool TryParse(string? text, out StixId id)
    {
        id = default;
        if (text is null)
        {
            return false;
        }

        var sep = text.IndexOf("--", StringComparison.Ordinal);
        // The UUID part is exactly 36 characters, so the separator sits 38 characters from the end.
        if (sep < 0 || sep != text.Length - 38)
        {
            return false;
        }

        var type = text[..sep];
        var uuidText = text.AsSpan(sep + 2);
        if (!IsValidTypeName(type) || !IsCanonicalUuidText(uuidText) || !Guid.TryParseExact(uuidText, "D", out var uuid) || !IsRfc4122(uuid))
        {
            return false;
        }

        id = new StixId(type, uuid);
        return true;
    }

    /// <summary>Parses an identifier received from outside; throws <see cref="StixFormatException"/> if malformed.</summary>
    public static StixId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out var id))
        {
            throw new StixFormatException($"'{(text.Length <= 80 ? text : text[..80])}' is not a STIX 2.1 identifier (type--RFC 4122 UUID, STIX 2.1 §2.9)");
        }

        return id;
    }

    /// <summary>
    /// True when <paramref name="type"/> is a well-formed STIX type name: 3-250 characters of
    /// a-z, 0-9 and '-', starting with a letter, not ending with '-', without "--" (STIX 2.1 §3.1).
    /// </summary>
    public static bool IsValidTypeName(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Length is < 3 or > 250 || type[0] is < 'a' or > 'z' || type[^1] == '-')
        {
            return false;
        }

        for (var i = 0; i < type.Length; i++)
        {
            var c = type[i];
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') || (c == '-' && type[i - 1] != '-');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The deterministic identifier of a cyber-observable (STIX 2.1 §2.9): UUIDv5 in
    /// <see cref="ObservableNamespace"/> over the RFC 8785 canonical JSON of
    /// <paramref name="contributingProperties"/>.
    /// </summary>
    public static StixId ForObservable(string type, JsonObject contributingProperties)
    {
        ArgumentNullException.ThrowIfNull(contributingProperties);
        return Create(type, Uuid5(ObservableNamespace, JsonCanonicalizer.Canonicalize(contributingProperties)));
    }

    /// <summary>Name-based UUID, version 5 (SHA-1), RFC 9562 §5.5 (formerly RFC 4122 §4.3).</summary>
    public static Guid Uuid5(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <inheritdoc />
    public override string ToString() => Type is null ? string.Empty : $"{Type}--{Uuid:D}";

    private static bool IsRfc4122(Guid uuid)
    {
        Span<byte> b = stackalloc byte[16];
        uuid.TryWriteBytes(b, bigEndian: true, out _);
        var version = b[6] >> 4;
        return version is >= 1 and <= 5 && (b[8] & 0xC0) == 0x80;
    }

    private static bool IsCanonicalUuidText(ReadOnlySpan<char> s)
    {
        if (s.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < 36; i++)
        {
            var c = s[i];
            var dash = i is 8 or 13 or 18 or 23;
            if (dash ? c != '-' : !char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
