using V2x.Pcap;

namespace V2x.Tests.Pcap;

/// <summary>Temporary capture files for the pcap and tshark tests; deleted with the directory.</summary>
internal sealed class PcapFiles : IDisposable
{
    public PcapFiles()
    {
        Directory = Testing.TestInfra.NewTempDirectory("v2x-net-pcap");
    }

    public string Directory { get; }

    public string PathOf(string name) => System.IO.Path.Combine(Directory, name);

    /// <summary>Writes <paramref name="frames"/> (one millisecond apart from <paramref name="start"/>) to a new pcap file.</summary>
    public string Write(string name, DateTimeOffset start, IEnumerable<byte[]> frames)
    {
        var path = PathOf(name);
        using var writer = new PcapWriter(File.Create(path));
        var at = start;
        foreach (var frame in frames)
        {
            writer.Write(at, frame);
            at = at.AddMilliseconds(1);
        }

        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
