using System.Text.Json.Nodes;
using Cti.Patterning;
using Cti.Sharing;

namespace Cti.Tests.Sharing;

public class IndicatorPatternsTests
{
    private const string Sha = "4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877";

    public static TheoryData<string, Func<IReadOnlyList<JsonObject>>, string?> Cases => new()
    {
        { "file by hash", () => [Observables.File("bl2.bin", Sha)], $"[file:hashes.'SHA-256' = '{Sha}']" },
        { "file by name", () => [Observables.File("it's.bin")], @"[file:name = 'it\'s.bin']" },
        {
            "process by image name, file also matched",
            () =>
            {
                var image = Observables.File("evil\\proc");
                return [image, Observables.Process(Guid.Parse("0b4f2a9e-6a52-4c43-9f0e-6c1d2b3a4f50"), image)];
            },
            @"[file:name = 'evil\\proc'] OR [process:image_ref.name = 'evil\\proc']"
        },
        {
            "flow to an address and port",
            () =>
            {
                var ip = Observables.Ipv4("203.0.113.7");
                return [ip, Observables.NetworkTraffic(ip, 8443, 0, "tcp")];
            },
            "[ipv4-addr:value = '203.0.113.7'] OR [network-traffic:dst_ref.value = '203.0.113.7' AND network-traffic:dst_port = 8443]"
        },
        { "software only as a fallback", () => [Observables.Software("obu-firmware", "2.4.1", "Acme")], "[software:name = 'obu-firmware' AND software:version = '2.4.1']" },
        { "software ignored beside a file", () => [Observables.Software("obu-firmware", "2.4.1"), Observables.File("x.bin")], "[file:name = 'x.bin']" },
        { "nothing to match", () => [], null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Builds_patterns_that_parse(string name, Func<IReadOnlyList<JsonObject>> observables, string? expected)
    {
        var pattern = IndicatorPatterns.FromObservables(observables());
        Assert.Equal(expected, pattern);
        if (pattern is not null)
        {
            Assert.True(StixPattern.TryParse(pattern, out _, out var error), $"{name}: {error?.Message}");
        }
    }
}
