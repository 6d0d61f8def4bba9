using PkiProtocol.Messages;
using Testing;
using Testing.Tshark;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Crypto;
using V2x.Security.Encryption;
using V2x.Security.Signing;

namespace Pki.Tests.Messages;

/// <summary>
/// Wireshark's IEEE 1609.2 dissector (tshark 4.0) as an outside decoder of what the PKI sends: the AT profile
/// (carried in a signed CAM), the signed CRL message, and the encrypted request and response envelopes. tshark
/// does not know TS 102 941, so the EtsiTs102941Data inside is checked as the unsecuredData octets it carries.
/// </summary>
public sealed class TsharkTests
{
    private static readonly string[] UserDlt = ["-o", "uat:user_dlts:\"User 0 (DLT=147)\",\"ieee1609dot2.data\",\"0\",\"\",\"0\",\"\""];

    [Fact]
    public void Tshark_reads_the_at_profile()
    {
        using var bench = new TestBench();
        bench.AssessIdf(5);
        var station = bench.Register("obu-1");
        bench.Enrol(station);
        var (ticket, key) = bench.Authorize(station);
        var cam = new SpduSigner(key, ticket).SignPayload(new byte[40], Psid.Cam, bench.Now, SignerChoice.Certificate);

        var frame = Dissect(cam);
        Assert.Empty(frame.Problems);
        Assert.Equal(168, frame.Integer("ieee1609dot2.hours"));
        Assert.Equal(276, frame.Integer("ieee1609dot2.countryOnly"));
        Assert.Contains("40", frame.Value("ieee1609dot2.assuranceLevel"), StringComparison.Ordinal);
        Assert.True(frame.Has("ieee1609dot2.none_element"), "id none");

        // psids: 36 in the header, then appPermissions CAM, DENM, 0x1D, 0x0D (upstream summaries), 0x1E; the 0x1E SSP is opaque 01 05.
        var psids = frame.Integers("ieee1609dot2.psid");
        Assert.Equal([36, 36, 37, 0x1D, 0x0D, 0x1E], psids);
        Assert.Contains(frame.RawValues("ieee1609dot2.opaque"), v => v.EndsWith("0105", StringComparison.Ordinal));
        Assert.Equal((byte)5, IntegrityAssurance.Read(ticket.ToBeSigned));
    }

    [Fact]
    public void Tshark_reads_the_signed_crl_message()
    {
        using var bench = new TestBench();
        var station = bench.Register("obu-1");
        var ec = bench.Enrol(station);
        bench.Pki.Revocations.RevokeCertificate(ec.HashedId8, "lost");
        var message = bench.Pki.Root.Crl(bench.Pki.EaCertificate.HashedId8);
        var payload = Ieee1609Dot2Data.Decode(message).SignedData!.TbsData.Payload.Data!.Opaque;

        var frame = Dissect(message);
        Assert.Empty(frame.Problems);
        Assert.Equal(622, frame.Integers("ieee1609dot2.psid").Single());
        Assert.Equal(bench.Pki.EaCertificate.HashedId8.ToString(), frame.Value("ieee1609dot2.digest").Replace(":", string.Empty, StringComparison.Ordinal));
        Assert.Equal(Hex.Of(payload.Span), frame.RawValues("ieee1609dot2.unsecuredData").Single()[^(payload.Length * 2)..]);
        Assert.Equal(ec.HashedId8, EtsiTs102941Data.Decode(payload).As<ToBeSignedCrl>().Entries.Single());
    }

    [Fact]
    public void Tshark_reads_the_request_and_response_envelopes()
    {
        using var bench = new TestBench();
        var station = bench.Register("obu-1");
        var request = PkiProtocol.Client.StationRequests.Enrolment(station.Id, station.CanonicalKey, station.EcKey, bench.Pki.EaCertificate, bench.Now, out var dataKey);
        var response = bench.Pki.Ea.ProcessEnrolment(request);

        var sent = Dissect(request);
        Assert.Empty(sent.Problems);
        Assert.Equal(bench.Pki.EaCertificate.HashedId8.ToString(), sent.Value("ieee1609dot2.recipientId").Replace(":", string.Empty, StringComparison.Ordinal));
        Assert.True(sent.Has("ieee1609dot2.eciesNistP256_element"));

        var answered = Dissect(response);
        Assert.Empty(answered.Problems);
        Assert.Equal(SpduEncryptor.PreSharedKeyId(dataKey).ToString(), answered.Value("ieee1609dot2.pskRecipInfo").Replace(":", string.Empty, StringComparison.Ordinal));
    }

    private static TsharkFrame Dissect(byte[] spdu)
    {
        var dir = TestInfra.NewTempDirectory("pki-tshark");
        try
        {
            var pcap = Path.Combine(dir, "pki.pcap");
            WritePcap(pcap, spdu);
            return TsharkRunner.Dissect(pcap, UserDlt).Frames.Single();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // libpcap file: global header (link type 147 = DLT_USER0, mapped to the 1609.2 dissector) and one record.
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
        w.Write(1_780_000_000u);
        w.Write(0u);
        w.Write((uint)packet.Length);
        w.Write((uint)packet.Length);
        w.Write(packet);
    }
}
