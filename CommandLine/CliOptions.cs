using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace CommandLine;

/// <summary>
/// The option kinds the executables share, each validated at parse time with a message naming the option (exit 2):
/// text, flags, whole numbers in a range, ports, durations, choices (which also complete on tab), and paths that must
/// exist.
/// </summary>
public static class CliOptions
{
    /// <summary>A text option.</summary>
    public static Option<string> Text(string name, string description, bool required = false, string? valueName = null) =>
        new(name) { Description = description, Required = required, HelpName = valueName };

    /// <summary>A flag (no value).</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<int> Integer(string name, int min, int max, string description, int? defaultValue = null, bool required = false)
    {
        var option = new Option<int>(name) { Description = description, Required = required, HelpName = $"{min}..{max}" };
        option.CustomParser = r => ParseInteger(r, name, min, max);
        if (defaultValue is { } d)
        {
            option.DefaultValueFactory = _ => d;
        }

        return option;
    }

    /// <summary>A TCP or UDP port, 0..65535 (0 picks a free one where the command says so).</summary>
    public static Option<int> Port(string name, string description, int defaultValue) =>
        Integer(name, 0, 65535, description, defaultValue);

    /// <summary>A number (a decimal point allowed) in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<double> Number(string name, double min, double max, string description, double? defaultValue = null)
    {
        var option = new Option<double>(name) { Description = description, HelpName = "NUMBER" };
        option.CustomParser = r =>
        {
            var text = Single(r);
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= min && value <= max)
            {
                return value;
            }

            r.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} takes a number {min}..{max}, not '{text}'."));
            return 0;
        };
        if (defaultValue is { } d)
        {
            option.DefaultValueFactory = _ => d;
        }

        return option;
    }

    /// <summary>
    /// A duration: seconds (<c>30</c>, <c>2.5</c>) or with a unit (<c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>), more than
    /// zero and at most <paramref name="max"/>.
    /// </summary>
    public static Option<TimeSpan> Duration(string name, string description, TimeSpan? defaultValue, TimeSpan max)
    {
        var option = new Option<TimeSpan>(name) { Description = description, HelpName = "SECONDS" };
        option.CustomParser = r =>
        {
            var text = Single(r);
            if (TryParseDuration(text, out var value) && value > TimeSpan.Zero && value <= max)
            {
                return value;
            }

            r.AddError($"{name} takes a duration such as 30 (seconds), 2.5, 500ms, 5m or 1h, up to {max.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s, not '{text}'.");
            return TimeSpan.Zero;
        };
        if (defaultValue is { } d)
        {
            option.DefaultValueFactory = _ => d;
        }

        return option;
    }

    /// <summary>One of <paramref name="values"/> (offered on tab completion).</summary>
    public static Option<string> Choice(string name, string description, string? defaultValue, params string[] values)
    {
        var option = new Option<string>(name) { Description = description };
        option.AcceptOnlyFromAmong(values);
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }

        return option;
    }

    /// <summary>An enumeration value by name (any case; offered on tab completion) or by its defined number.</summary>
    public static Option<T> Enum<T>(string name, string description, T defaultValue)
        where T : struct, System.Enum
    {
        var option = new Option<T>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.CustomParser = r =>
        {
            var text = Single(r);
            if (System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value))
            {
                return value;
            }

            r.AddError($"{name} is one of {string.Join(", ", System.Enum.GetNames<T>())}, not '{text}'.");
            return defaultValue;
        };
        option.CompletionSources.Add(System.Enum.GetNames<T>());
        return option;
    }

    /// <summary>A file that must exist when the command runs.</summary>
    public static Option<FileInfo> ExistingFile(string name, string description, bool required = false)
    {
        var option = new Option<FileInfo>(name) { Description = description, Required = required, HelpName = "FILE" };
        option.AcceptExistingOnly();
        return option;
    }

    /// <summary>A folder that must exist when the command runs.</summary>
    public static Option<DirectoryInfo> ExistingDirectory(string name, string description, bool required = false)
    {
        var option = new Option<DirectoryInfo>(name) { Description = description, Required = required, HelpName = "DIR" };
        option.AcceptExistingOnly();
        return option;
    }

    /// <summary>Whether <paramref name="option"/> was on the command line (not only its default).</summary>
    public static bool IsGiven(this ParseResult parsed, Option option) => parsed?.GetResult(option) is { Implicit: false };

    /// <summary>Whether <paramref name="option"/> was on the command line, in a command's validator.</summary>
    public static bool IsGiven(this CommandResult command, Option option) => command?.GetResult(option) is { Implicit: false };

    /// <summary>Parses a duration as <see cref="Duration"/> does.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : text.EndsWith('h') ? (text[..^1], 3600.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || !double.IsFinite(n) || n * unit > TimeSpan.MaxValue.TotalSeconds)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(n * unit);
        return true;
    }

    private static int ParseInteger(ArgumentResult r, string name, int min, int max)
    {
        var text = Single(r);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        r.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} takes a whole number {min}..{max}, not '{text}'."));
        return 0;
    }

    private static string Single(ArgumentResult r) => r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
}
