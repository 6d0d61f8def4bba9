using System.Globalization;

namespace Pki.Cli;

/// <summary>
/// The arguments of one CLI command: positional values, then <c>--name value</c> options and <c>--flag</c>
/// switches. Every option must be consumed by the command; an unknown one is a usage error.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    /// <param name="args">The arguments after the command name.</param>
    /// <param name="flags">The options of this command that take no value.</param>
    public CliArguments(IReadOnlyList<string> args, params string[] flags)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                _positional.Add(a);
                continue;
            }

            var name = a[2..];
            if (_options.ContainsKey(name))
            {
                throw new UsageException($"--{name} is given twice");
            }

            if (flags.Contains(name))
            {
                _options[name] = null;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new UsageException($"--{name} needs a value");
            }

            _options[name] = args[++i];
        }
    }

    public string Positional(int index, string what) =>
        index < _positional.Count ? _positional[index] : throw new UsageException($"missing {what}");

    public string Required(string name) => Optional(name) ?? throw new UsageException($"missing --{name}");

    public string? Optional(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var value) ? value : null;
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return _options.ContainsKey(name);
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var text = Optional(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"--{name} is a whole number {min}..{max}, not '{text}'");
    }

    /// <summary>A whole number option that must be given.</summary>
    public int RequiredInt(string name, int min, int max)
    {
        var text = Required(name);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"--{name} is a whole number {min}..{max}, not '{text}'");
    }

    public DateTimeOffset? Time(string name)
    {
        var text = Optional(name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : throw new UsageException($"--{name} is an ISO 8601 time such as 2026-03-01T12:00:00Z, not '{text}'");
    }

    /// <summary>Fails on options the command did not read and on extra positional values.</summary>
    public void Done(int positionalCount)
    {
        var unknown = _options.Keys.FirstOrDefault(k => !_used.Contains(k));
        if (unknown is not null)
        {
            throw new UsageException($"unknown option --{unknown}");
        }

        if (_positional.Count > positionalCount)
        {
            throw new UsageException($"unexpected argument '{_positional[positionalCount]}'");
        }
    }
}
