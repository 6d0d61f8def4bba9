using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cti.Stix;

/// <summary>
/// JSON Canonicalization Scheme, RFC 8785: object members sorted by their UTF-16 code units,
/// no insignificant whitespace, strings escaped as ECMAScript JSON.stringify does (§3.2.2.2),
/// numbers in ECMAScript's shortest round-trip form (§3.2.2.3). STIX 2.1 §2.9 hashes this form
/// to make deterministic SCO identifiers.
/// </summary>
public static class JsonCanonicalizer
{
    /// <summary>The canonical text of <paramref name="node"/>.</summary>
    /// <exception cref="StixFormatException">A string holds an unpaired surrogate (not I-JSON).</exception>
    public static string Canonicalize(JsonNode? node)
    {
        var sb = new StringBuilder();
        try
        {
            Write(sb, node);
        }
        catch (InvalidOperationException e)
        {
            // System.Text.Json refuses to read an escaped unpaired surrogate ("\ud800") as a string.
            throw new StixFormatException("a string is not valid UTF-16 (an escaped unpaired surrogate), which I-JSON (RFC 7493 §2.1) forbids", e);
        }

        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                // RFC 8785 §3.2.3: members sorted by their names' UTF-16 code units.
                var members = new KeyValuePair<string, JsonNode?>[obj.Count];
                var n = 0;
                foreach (var member in obj)
                {
                    members[n++] = member;
                }

                Array.Sort(members, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
                for (var i = 0; i < members.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    WriteString(sb, members[i].Key);
                    sb.Append(':');
                    Write(sb, members[i].Value);
                }

                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Write(sb, array[i]);
                }

                sb.Append(']');
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(sb, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            case JsonValueKind.Number:
                WriteNumber(sb, value);
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    private static void WriteNumber(StringBuilder sb, JsonValue value)
    {
        if (value.TryGetValue<long>(out var l))
        {
            sb.Append(l.ToString(CultureInfo.InvariantCulture));
            return;
        }

        double d;
        if (value.TryGetValue<double>(out var direct))
        {
            d = direct;
        }
        else if (value.TryGetValue<JsonElement>(out var element) && element.TryGetDouble(out var parsed))
        {
            d = parsed;
        }
        else
        {
            d = double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
        }

        // RFC 8785 §3.2.2.3: ECMAScript Number.prototype.toString.
        if (d == Math.Floor(d) && Math.Abs(d) < 1e21)
        {
            sb.Append(d.ToString("0", CultureInfo.InvariantCulture));
            return;
        }

        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            var exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            sb.Append(r, 0, e).Append('e').Append(exponent >= 0 ? "+" : "-").Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append(r);
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c >= 0x20 && c != '"' && c != '\\' && !char.IsSurrogate(c))
            {
                continue;
            }

            sb.Append(s, start, i - start);
            start = i + 1;
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < (char)0x20:
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    // RFC 8785 §3.1 takes I-JSON input (RFC 7493 §2.1: no unpaired surrogates): a pair is written as is.
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        sb.Append(c).Append(s[i + 1]);
                        i++;
                        start = i + 1;
                        break;
                    }

                    throw new StixFormatException("a string holds an unpaired surrogate, which I-JSON (RFC 7493 §2.1) forbids");
            }
        }

        sb.Append(s, start, s.Length - start).Append('"');
    }
}
