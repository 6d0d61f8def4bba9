using System.Diagnostics;
using System.Globalization;
using Testing;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Time;

namespace V2x.Tests.Security;

/// <summary>
/// Wireshark's IEEE 1609.2 dissector as an independent check of the encoding: SPDUs are written to a
/// pcap with a user link type mapped to the "ieee1609dot2.data" dissector, and tshark's field values
/// must equal what was encoded, with no malformed mark and no expert item. tshark 4.0 does not know
/// contributedExtensions, so the report rows also show a legacy decoder skipping the private block.
/// </summary>
public sealed class TsharkTests
{
    private const string UserDlt = "uat:user_dlts:\"User 0 (DLT=147)\",\"ieee1609dot2.data\",\"0\",\"\",\"0\",\"\"";

    public static TheoryData<string, SignerChoice, bool> Rows => new()
    {
        { "digest signer", SignerChoice.Digest, false },
        { "certificate signer", SignerChoice.Certificate, false },
        { "digest signer with integrity report", SignerChoice.Digest, true },
        { "certificate signer with integrity report", SignerChoice.Certificate, true },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Tshark_reads_the_fields_that_were_encoded(string name, SignerChoice choice, bool withReport)
    {
        var pki = new TestPki(SignatureAlgorithm.EcdsaNistP256);
        var header = new HeaderInfo { Psid = Psid.Cam, GenerationTime = TestPki.Now };
        if (withReport)
        {
            header = IntegrityReportExtension.Put(header, new IntegrityReport(IntegrityLevel.HighAnomaly, DetectorFlags.Crash, 9, 1, TestPki.Now));
        }

        var spdu = pki.Signer.SignPayload(TestPki.CamPayload(), header, choice);
        var decoded = Ieee1609Dot2Data.Decode(spdu).SignedData!;
        var fields = RunTshark(spdu, "ieee1609dot2.psid", "ieee1609dot2.generationTime", "ieee1609dot2.digest",
            "ieee1609dot2.x_only", "ieee1609dot2.sSig", "ieee1609dot2.bitmapSsp", "ieee1609dot2.opaque", "_ws.malformed", "_ws.expert");

        Assert.True(fields[0].StartsWith("36", StringComparison.Ordinal), $"{name}: psid {fields[0]}");
        Assert.Contains(TestPki.Now.Microseconds.ToString(CultureInfo.InvariantCulture), fields[1], StringComparison.Ordinal);
        Assert.EndsWith(Hex.Of(decoded.Signature.R.X.Span), fields[3], StringComparison.Ordinal);
        Assert.EndsWith(Hex.Of(decoded.Signature.S.Span), fields[4], StringComparison.Ordinal);
        if (choice == SignerChoice.Digest)
        {
            Assert.Equal(pki.Ticket.HashedId8.ToString(), fields[2]);
        }
        else
        {
            Assert.Contains("010000", fields[5], StringComparison.Ordinal);
            Assert.Contains("0105", fields[6], StringComparison.Ordinal); // integrity assurance SSP: version 1, level 5
        }

        Assert.Equal(string.Empty, fields[7]);
        Assert.Equal(string.Empty, fields[8]);
    }

    private static string[] RunTshark(byte[] spdu, params string[] fields)
    {
        var dir = TestInfra.NewTempDirectory("v2x-sec-tshark");
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
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "tshark did not finish");
            Assert.Equal(0, process.ExitCode);
            return output.TrimEnd('\n').Split('|');
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // libpcap file format: global header (link type 147 = DLT_USER0) and one record.
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
