using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cti.Stix;

/// <summary>
/// Reads numbers from <see cref="JsonNode"/> values whether they were parsed from text or built in
/// code from any CLR numeric type (System.Text.Json keeps the two apart).
/// </summary>
public static class JsonNumbers
{
    /// <summary>The value as an integer, if it is an integral JSON number within range.</summary>
    public static bool TryGetInt64(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue(out value))
        {
            return true;
        }

        if (v.TryGetValue<JsonElement>(out var element))
        {
            return element.TryGetInt64(out value);
        }

        return long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The value as a double, if it is a JSON number.</summary>
    public static bool TryGetDouble(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue(out value))
        {
            return true;
        }

        if (v.TryGetValue<JsonElement>(out var element))
        {
            return element.TryGetDouble(out value);
        }

        return double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
