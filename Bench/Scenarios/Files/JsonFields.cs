using System.Globalization;
using System.Text.Json;

namespace Bench.Scenarios.Files;

/// <summary>
/// Reads the fields of a JSON object (System.Text.Json's <see cref="JsonElement"/>) the way a scenario file needs them:
/// every problem becomes a typed <see cref="ScenarioError"/> with its JSON path, nothing throws, and reading goes on so
/// one pass lists every problem of the file.
/// </summary>
internal sealed class JsonFields
{
    private readonly Dictionary<string, JsonElement> _fields;
    private readonly List<ScenarioError> _errors;

    private JsonFields(string path, Dictionary<string, JsonElement> fields, List<ScenarioError> errors)
    {
        Path = path;
        _fields = fields;
        _errors = errors;
    }

    /// <summary>The object's JSON path.</summary>
    public string Path { get; }

    /// <summary>
    /// The object at <paramref name="path"/>, its field names checked against <paramref name="known"/> (an unknown or
    /// repeated field is an error); null (and an error) when it is not an object.
    /// </summary>
    public static JsonFields? Of(JsonElement element, string path, List<ScenarioError> errors, params string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ScenarioError(path, ScenarioErrorKind.WrongType, $"an object is expected, not {Describe(element)}"));
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var at = Child(path, property.Name);
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(new ScenarioError(at, ScenarioErrorKind.UnknownField, $"unknown field; {Describe(path)} has {string.Join(", ", known)}"));
            }
            else if (!fields.TryAdd(property.Name, property.Value))
            {
                errors.Add(new ScenarioError(at, ScenarioErrorKind.DuplicateField, "the field is given twice"));
            }
        }

        return new JsonFields(path, fields, errors);
    }

    /// <summary>The path of field <paramref name="name"/> under <paramref name="path"/> (a hostile name is shortened and made printable).</summary>
    public static string Child(string path, string name)
    {
        var printable = new string(name.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return printable.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$') && printable.Length > 0
            ? $"{path}.{printable}"
            : $"{path}['{printable.Replace("'", "\\'", StringComparison.Ordinal)}']";
    }

    /// <summary>The path of field <paramref name="name"/> of this object.</summary>
    public string At(string name) => Child(Path, name);

    /// <summary>True when the field is present.</summary>
    public bool Has(string name) => _fields.ContainsKey(name);

    /// <summary>The field's raw value, or null (and an error when <paramref name="required"/>) when absent.</summary>
    public JsonElement? Element(string name, bool required)
    {
        if (_fields.TryGetValue(name, out var value))
        {
            return value;
        }

        if (required)
        {
            _errors.Add(new ScenarioError(At(name), ScenarioErrorKind.MissingField, $"the field '{name}' is required"));
        }

        return null;
    }

    /// <summary>A string field, not empty and at most <paramref name="maxLength"/> characters.</summary>
    public string? Text(string name, bool required, int maxLength = 200)
    {
        if (Element(name, required) is not { } e)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.String)
        {
            return Wrong(name, "a string", e);
        }

        var text = e.GetString()!;
        if (text.Length == 0 || text.Length > maxLength)
        {
            _errors.Add(new ScenarioError(At(name), ScenarioErrorKind.OutOfRange, $"a string of 1 to {maxLength} characters is expected"));
            return null;
        }

        return text;
    }

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double? Number(string name, bool required, double min, double max, string unit = "")
    {
        if (Element(name, required) is not { } e)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Number)
        {
            Wrong(name, "a number", e);
            return null;
        }

        if (!e.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            _errors.Add(new ScenarioError(At(name), ScenarioErrorKind.OutOfRange, string.Create(CultureInfo.InvariantCulture, $"the number is out of range: {min}{unit} to {max}{unit}")));
            return null;
        }

        if (value < min || value > max)
        {
            _errors.Add(new ScenarioError(At(name), ScenarioErrorKind.OutOfRange,
                string.Create(CultureInfo.InvariantCulture, $"{value}{unit} is out of range: {min}{unit} to {max}{unit}")));
            return null;
        }

        return value;
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int? Integer(string name, bool required, int min, int max)
    {
        if (Element(name, required) is not { } e)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Number || (!e.TryGetInt32(out var value) && !(e.TryGetDouble(out var d) && double.IsFinite(d) && Math.Floor(d) == d) && !IsHuge(e)))
        {
            Wrong(name, "a whole number", e);
            return null;
        }

        if (!e.TryGetInt32(out value))
        {
            _errors.Add(new ScenarioError(At(name), ScenarioErrorKind.OutOfRange, string.Create(CultureInfo.InvariantCulture, $"the number is out of range: {min} to {max}")));
            return null;
        }

        if (value < min || value > max)
        {
            _errors.Add(new ScenarioError(At(name), ScenarioErrorKind.OutOfRange, string.Create(CultureInfo.InvariantCulture, $"{value} is out of range: {min} to {max}")));
            return null;
        }

        return value;
    }

    /// <summary>A true/false field.</summary>
    public bool? Flag(string name)
    {
        if (Element(name, required: false) is not { } e)
        {
            return null;
        }

        if (e.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Wrong(name, "true or false", e);
            return null;
        }

        return e.GetBoolean();
    }

    /// <summary>A string that is one of <paramref name="choices"/>; another is an error of <paramref name="kind"/>.</summary>
    public string? Choice(string name, bool required, IReadOnlyCollection<string> choices, ScenarioErrorKind kind = ScenarioErrorKind.OutOfRange, string what = "value")
    {
        var text = Text(name, required);
        if (text is null || choices.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        _errors.Add(new ScenarioError(At(name), kind, $"unknown {what} '{Printable(text)}'; one of {string.Join(", ", choices)}"));
        return null;
    }

    /// <summary>An array field's items (null and an error when it is not an array).</summary>
    public IReadOnlyList<JsonElement>? Array(string name, bool required, int max)
    {
        if (Element(name, required) is not { } e)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Array)
        {
            Wrong(name, "an array", e);
            return null;
        }

        if (e.GetArrayLength() > max)
        {
            _errors.Add(new ScenarioError(At(name), ScenarioErrorKind.OutOfRange, string.Create(CultureInfo.InvariantCulture, $"at most {max} items")));
            return null;
        }

        return [.. e.EnumerateArray()];
    }

    /// <summary>Records an error at field <paramref name="name"/>.</summary>
    public void Error(string name, ScenarioErrorKind kind, string message) => _errors.Add(new ScenarioError(At(name), kind, message));

    /// <summary>A value as the message shows it: a shortened, printable copy.</summary>
    public static string Printable(string text) => new(text.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    // A whole number too large for a double (digits only, no fraction or exponent).
    private static bool IsHuge(JsonElement e) => e.GetRawText().TrimStart('-').All(char.IsAsciiDigit);

    private string? Wrong(string name, string expected, JsonElement e)
    {
        _errors.Add(new ScenarioError(At(name), ScenarioErrorKind.WrongType, $"{expected} is expected, not {Describe(e)}"));
        return null;
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    private static string Describe(string path) => path == "$" ? "the scenario" : path;
}
