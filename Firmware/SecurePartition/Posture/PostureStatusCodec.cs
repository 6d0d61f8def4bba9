using Firmware.SecurePartition.Encoding;

namespace Firmware.SecurePartition.Posture;

/// <summary>
/// Binary form of <see cref="PostureStatus"/> (the GetPosture and InstallPostureResponse answers, and the detailed
/// report's posture section), big-endian, <see cref="ByteWriter"/> conventions:
/// <code>
/// bool known | u8 highest base score ×10 | u16 high or critical | u32 unpatched weaknesses | bool up to date
/// | bool application up to date | bool IDF up to date | bool patches | bool has poll | [time last poll]
/// | list text unassessed | list weakness { text component, text id, u8 base ×10, u8 temporal ×10, text fixed in }
/// </code>
/// </summary>
public static class PostureStatusCodec
{
    /// <summary>Writes a status.</summary>
    public static void Write(ByteWriter w, PostureStatus s)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        w.Bool(s.Known).U8((byte)Math.Round(s.AggregateCvss * 10)).U16((ushort)Math.Min(s.HighOrCritical, ushort.MaxValue))
            .U32((uint)s.KnownVulnerabilities).Bool(s.UpToDate).Bool(s.AppUpToDate).Bool(s.IdfUpToDate).Bool(s.PatchesAvailable).Bool(s.LastPoll is not null);
        if (s.LastPoll is { } t)
        {
            w.Time(t);
        }

        w.List(s.UnassessedComponents.ToList(), static (w, n) => w.Text(n));
        w.List(s.Weaknesses.Take(ushort.MaxValue).ToList(), static (w, x) =>
            w.Text(x.Component).Text(x.Weakness.Id).U8(x.Weakness.BaseTenths).U8(x.Weakness.TemporalTenths).Text(x.Weakness.FixedIn));
    }

    /// <summary>Reads a status.</summary>
    /// <exception cref="MalformedDataException">Not a posture status.</exception>
    public static PostureStatus Read(ByteReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var known = r.Bool("known");
        var cvss = r.U8("cvss") / 10.0;
        var high = r.U16("highOrCritical");
        var count = (int)Math.Min(int.MaxValue, r.U32("vulnerabilities"));
        var upToDate = r.Bool("upToDate");
        var app = r.Bool("appUpToDate");
        var idf = r.Bool("idfUpToDate");
        var patches = r.Bool("patches");
        DateTimeOffset? lastPoll = r.Bool("hasLastPoll") ? r.Time("lastPoll") : null;
        var unassessed = r.List("unassessed", 1024, static r => r.Text("name"));
        var weaknesses = r.List("weaknesses", ushort.MaxValue, static r =>
            (r.Text("component", 64), new PostureWeakness(r.Text("id", 64), r.U8("base"), r.U8("temporal"), r.Text("fixedIn", 32))));
        return new PostureStatus(known, cvss, high, count, upToDate, app, idf, patches, lastPoll, unassessed, weaknesses);
    }
}
