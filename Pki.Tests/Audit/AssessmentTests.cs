using Pki.Audit;
using PkiProtocol.Audit;
using V2x;
using V2x.Time;

namespace Pki.Tests.Audit;

/// <summary>The audit CA's assessment record (project-private OER) and how the EA reads assessments.</summary>
public sealed class AssessmentTests
{
    private static readonly Assessment Sample = new()
    {
        Serial = 1,
        Vendor = "Acme",
        Product = "Guard",
        Versions = new VersionRange("1.0", "2.9"),
        Level = 5,
        ValidFrom = new Time32(700_000_000),
        ValidUntil = new Time32(0x2d7b8e00),
        Evidence = "AR",
    };

    [Fact]
    public void Record_encoding_matches_its_documented_layout()
    {
        // Preamble 00 (extensible, no optionals); version 01; serial Uint32; vendor, product, firstVersion,
        // lastVersion as length-prefixed UTF8String (X.696 §14); level 05; validFrom, validUntil Time32;
        // status active 00 (§11); evidence 02 "AR".
        const string expected = "00 01 00000001 04 41636d65 05 4775617264 03 312e30 03 322e39 05 29b92700 2d7b8e00 00 02 4152";
        Assert.Equal(Hex.Of(Hex.Parse(expected)), Hex.Of(Sample.ToBytes()));
        Assert.Equal(Sample, Assessment.Decode(Sample.ToBytes()) with { Versions = Sample.Versions });
    }

    public static TheoryData<string, string, string> FailRows => new()
    {
        { "level 8", "00 01 00000001 04 41636d65 05 4775617264 03 312e30 03 322e39 08 29b92700 2d7b8e00 00 02 4152", "outside 0..7" },
        { "ends before it starts", "00 01 00000001 04 41636d65 05 4775617264 03 312e30 03 322e39 05 2d7b8e00 29b92700 00 02 4152", "ends after it starts" },
        { "status 3", "00 01 00000001 04 41636d65 05 4775617264 03 312e30 03 322e39 05 29b92700 2d7b8e00 03 02 4152", "undefined enumeration" },
        { "version text", "00 01 00000001 04 41636d65 05 4775617264 03 312e78 03 322e39 05 29b92700 2d7b8e00 00 02 4152", "dotted" },
        { "slash in vendor", "00 01 00000001 04 41632f65 05 4775617264 03 312e30 03 322e39 05 29b92700 2d7b8e00 00 02 4152", "'/'" },
    };

    [Theory]
    [MemberData(nameof(FailRows))]
    public void Malformed_record_is_one_decode_exception(string name, string hex, string reasonPart)
    {
        var error = Assert.Throws<DecodeException>(() => Assessment.Decode(Hex.Parse(hex)));
        Assert.True(error.Reason.Contains(reasonPart, StringComparison.Ordinal), $"{name}: {error.Reason}");
    }

    [Fact]
    public void A_record_whose_audit_signature_fails_grants_nothing()
    {
        using var bench = new TestBench();
        var serial = bench.AssessIdf(6);
        Assert.Equal((byte)6, bench.Pki.Audit.CurrentLevel(TestBench.Idf, bench.Now));

        // Someone with write access to the state raises the level without the audit CA's key.
        var entry = bench.Pki.Context.Store.GetAssessments().Single();
        var forged = entry.Signed.ToArray();
        var record = entry.Assessment.ToBytes();
        var at = forged.AsSpan().IndexOf(record);
        // From the end: evidence (length octet + text), status, validUntil, validFrom, then the level.
        var levelAt = record.Length - (1 + entry.Assessment.Evidence.Length) - 1 - 4 - 4 - 1;
        forged[at + levelAt] = 7;
        Assert.Equal((byte)7, AuditCa.ReadPayload(forged).Level);
        using (var tx = bench.Pki.Context.Store.Begin())
        {
            tx.PutAssessment(serial, "Acme", "Guard", forged);
            tx.Commit();
        }

        Assert.Null(bench.Pki.Audit.CurrentLevel(TestBench.Idf, bench.Now));
    }

    public static TheoryData<string, string, bool> VersionRows => new()
    {
        { "2.0", "1.0..2.9", true },
        { "2.10", "1.0..2.9", false },
        { "2.9.1", "1.0..2.9", false },
        { "2.9.0", "1.0..2.9", true },
        { "1", "1.0..2.9", true },
        { "0.9", "1.0..2.9", false },
        { "x.1", "1.0..2.9", false },
        { "", "1.0..2.9", false },
    };

    [Theory]
    [MemberData(nameof(VersionRows))]
    public void Version_ranges_compare_numerically(string version, string range, bool inside)
    {
        Assert.Equal(inside, VersionRange.Parse(range).Contains(version));
    }

    [Fact]
    public void Malformed_version_arguments_are_caller_mistakes()
    {
        Assert.Throws<ArgumentException>(() => VersionRange.Parse("2.0..1.0"));
        Assert.Throws<ArgumentException>(() => VersionRange.Parse("1..2..3"));
        Assert.Throws<ArgumentException>(() => new IdfImplementation("A/B", "p", "1.0"));
        Assert.Throws<ArgumentException>(() => new IdfImplementation("a", "p", "1.0-beta"));
    }

    [Fact]
    public void Assessments_outlive_a_restart_with_their_history()
    {
        using var bench = new TestBench();
        var serial = bench.AssessIdf(5);
        bench.Pki.Audit.Lower(serial, 4, "finding");
        bench.Restart();
        Assert.Equal((byte)4, bench.Pki.Audit.CurrentLevel(TestBench.Idf, bench.Now));
        Assert.Equal(["assess", "lower"], bench.Pki.Context.Store.GetAssessmentHistory().Select(h => h.Action));
        Assert.Equal(AssessmentStatus.Lowered, bench.Pki.Audit.Assessments.Single().Status);
    }
}
