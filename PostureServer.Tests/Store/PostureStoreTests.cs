using Firmware.SecurePartition.Posture;
using PostureServer.Assessment;
using PostureServer.Catalogue;
using PostureServer.Cvss;
using PostureServer.Store;

namespace PostureServer.Tests.Store;

/// <summary>The posture server's state (SQLite) and the assessment it answers from (Docs/posture.md).</summary>
public sealed class PostureStoreTests
{
    [Fact]
    public void The_catalogue_persists_and_the_assessor_answers_for_the_installed_versions()
    {
        var folder = Testing.TestInfra.NewTempDirectory("posture-store");
        using (var store = PostureStore.Open(folder, create: true))
        {
            store.PutComponent(new CatalogueComponent("app", ComponentIdentifier.Parse("pkg:generic/bench_oem/v2x-app"), ComponentRole.Application, "1.1.0"));
            store.PutComponent(new CatalogueComponent("idf", ComponentIdentifier.Parse("pkg:generic/bench_oem/idf"), ComponentRole.Idf, "2.0.0"));
            store.PutWeaknesses([
                new Weakness("OEM-1", "app", CvssVector.Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C"), [AffectedRange.Parse("1.0.0..<1.1.0")], "1.1.0", "t", "test"),
                new Weakness("OEM-2", "app", CvssVector.Parse("CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L"), [AffectedRange.Parse("0.9.0")], null, "t", "test"),
            ]);
        }

        using var reopened = PostureStore.Open(folder, create: false);
        var response = new PostureAssessor(reopened).Assess(new byte[16], [("app", "1.0.0"), ("idf", "2.0.0"), ("unknown", "1.0")]);

        // The unknown component is left out (the partition reports it unassessed); OEM-2 affects 0.9.0 only.
        Assert.Equal(["app", "idf"], response.Components.Select(c => c.Name));
        var app = response.Components[0];
        Assert.Equal(("1.0.0", "1.1.0", ComponentRole.Application), (app.InstalledVersion, app.LatestVersion, app.Role));
        Assert.Equal(new PostureWeakness("OEM-1", 98, 85, "1.1.0"), Assert.Single(app.Weaknesses));
        Assert.Empty(response.Components[1].Weaknesses);
    }

    [Fact]
    public void A_weakness_of_a_component_not_in_the_catalogue_is_refused_and_nothing_is_written()
    {
        var folder = Testing.TestInfra.NewTempDirectory("posture-store");
        using var store = PostureStore.Open(folder, create: true);
        store.PutComponent(new CatalogueComponent("app", ComponentIdentifier.Parse("pkg:generic/bench_oem/v2x-app"), ComponentRole.Application, "1.1.0"));
        var vector = CvssVector.Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        Assert.Throws<ArgumentException>(() => store.PutWeaknesses([
            new Weakness("OEM-1", "app", vector, [AffectedRange.Parse("1.0.0")], null, "t", "test"),
            new Weakness("OEM-2", "ghost", vector, [AffectedRange.Parse("1.0.0")], null, "t", "test"),
        ]));
        Assert.Empty(store.Weaknesses());
    }

    public static TheoryData<string, string> NotState => new()
    {
        { "no state and not creating", "absent" },
        { "a file that is not SQLite", "garbage" },
    };

    [Theory]
    [MemberData(nameof(NotState))]
    public void Opening_something_that_is_not_a_state_is_a_typed_refusal(string name, string what)
    {
        var folder = Testing.TestInfra.NewTempDirectory("posture-store");
        if (what == "garbage")
        {
            File.WriteAllText(Path.Combine(folder, PostureStore.FileName), "this is not a database, just text long enough to be read as a header");
        }

        Assert.Throws<ArgumentException>(() => PostureStore.Open(folder, create: false).Dispose());
        Assert.False(string.IsNullOrEmpty(name));
    }
}
