using System.Globalization;

namespace Benchmarks.Community.Scale;

/// <summary>The options of <c>hub-scale</c>.</summary>
internal sealed record ScaleOptions(long Preload, int Envelopes, int Rate, int Seconds, IReadOnlyList<string> Backends, bool Explain)
{
    public static ScaleOptions Parse(string[] args)
    {
        string? Get(string name) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault();
        long Number(string name, long fallback) => Get(name) is { } v ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new ScaleOptions(
            Number("preload", 1_000_000),
            (int)Number("envelopes", 20),
            (int)Number("rate", 100),
            (int)Number("seconds", 30),
            (Get("backends") ?? "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            args.Contains("--explain"));
    }
}
