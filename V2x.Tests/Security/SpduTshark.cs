using System.Diagnostics;
using Testing;
using V2x.Time;

namespace V2x.Tests.Security;

/// <summary>
/// Wireshark's IEEE 1609.2 dissector on a bare SPDU (no GeoNetworking around it), for structures
/// that never ride in a CAM/DENM frame (encrypted PKI envelopes, external-payload signatures): the
/// SPDU is written to a pcap with user link type 147 mapped to the "ieee1609dot2.data" dissector,
/// and tshark prints the requested fields. Whole frames are checked in Stack/.
/// </summary>
internal static class SpduTshark
{
    private const string UserDlt = "uat:user_dlts:\"User 0 (DLT=147)\",\"ieee1609dot2.data\",\"0\",\"\",\"0\",\"\"";

    /// <summary>Runs tshark over one SPDU; returns the fields' values in the order asked.</summary>
    internal static string[] Fields(byte[] spdu, params string[] fields)
    {
        var dir = TestInfra.NewTempDirectory("v2x-spdu-tshark");
        try
        {
            var pcap = Path.Combine(dir, "spdu.pcap");
            WritePcap(pcap, spdu);
            var start = new ProcessStartInfo(TestInfra.Tshark)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "-o", UserDlt, "-r", pcap, "-T", "fields", "-E", "separator=|", "-E", "aggregator=," })
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var field in fields)
            {
                start.ArgumentList.Add("-e");
                start.ArgumentList.Add(field);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "tshark did not finish");
            Assert.True(process.ExitCode == 0, $"tshark exited {process.ExitCode}: {stderr.Result}");
            return output.TrimEnd('\n').Split('|');
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // libpcap savefile format (pcap-savefile(5)): global header with link type 147 (DLT_USER0), one record.
    private static void WritePcap(string path, byte[] packet)
    {
        using var file = File.Create(path);
        using var w = new BinaryWriter(file);
        w.Write(0xa1b2c3d4u);
        w.Write((ushort)2);
        w.Write((ushort)4);
        w.Write(0);
        w.Write(0u);
        w.Write(65535u);
        w.Write(147u);
        w.Write((uint)(Time64.EpochUtc.ToUnixTimeSeconds() + 700_000_000));
        w.Write(0u);
        w.Write((uint)packet.Length);
        w.Write((uint)packet.Length);
        w.Write(packet);
    }
}
