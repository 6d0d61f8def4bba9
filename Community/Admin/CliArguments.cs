using System.Globalization;

namespace Community.Admin;

/// <summary>Command-line words and <c>--name value</c> options (a bare <c>--flag</c> means true).</summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    private CliArguments(List<string> words)
    {
        Words = words;
    }

    /// <summary>The words before the options (the command).</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Parses <paramref name="args"/>; a repeated option is a usage error.</summary>
    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var words = new List<string>();
        var result = new CliArguments(words);
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                words.Add(a);
                continue;
            }

            var name = a[2..];
            var value = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            if (!result._options.TryAdd(name, value))
            {
                throw new CommunityException(CommunityErrorKind.Invalid, $"--{name} given twice");
            }
        }

        return result;
    }

    /// <summary>An option, or null.</summary>
    public string? Get(string name) => _options.GetValueOrDefault(name);

    /// <summary>A required option.</summary>
    public string Require(string name) =>
        Get(name) ?? throw new CommunityException(CommunityErrorKind.Invalid, $"usage: --{name} is required");

    /// <summary>A comma-separated list option, or null.</summary>
    public IReadOnlyList<string>? List(string name) =>
        Get(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A boolean option (a bare flag is true), or null.</summary>
    public bool? Bool(string name) => Get(name) switch
    {
        null => null,
        "true" or "yes" or "1" => true,
        "false" or "no" or "0" => false,
        var v => throw new CommunityException(CommunityErrorKind.Invalid, $"usage: --{name} takes true or false, not '{v}'"),
    };

    /// <summary>A number option, or null.</summary>
    public double? Number(string name) => Get(name) is { } v
        ? double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw new CommunityException(CommunityErrorKind.Invalid, $"usage: --{name} takes a number")
        : null;

    /// <summary>The option names given.</summary>
    public IEnumerable<string> OptionNames => _options.Keys;
}
