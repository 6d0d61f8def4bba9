using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Policy;
using Firmware.Tests.Support;
using V2x.Integrity;
using V2x.Security.Crypto;

namespace Firmware.Tests.Policy;

/// <summary>OEM-signed documents (manifest, policy): verified with the pinned key; any bad signature fails closed.</summary>
public sealed class OemDocumentTests
{
    [Fact]
    public void Policy_round_trips_through_its_signed_form()
    {
        var policy = DefaultPolicies.SimulatedObu(7);
        var signed = PolicyCodec.Sign(policy, TestBench.OemKey, TestBench.Start);
        var (body, at) = OemDocument.Open(signed, OemDocumentKind.Policy, TestBench.Rom);
        Assert.Equal(TestBench.Start, at);
        var back = PolicyCodec.Decode(body);
        Assert.Equal(PolicyCodec.Encode(policy), PolicyCodec.Encode(back));
        Assert.Equal(7u, back.PolicyVersion);
        Assert.Equal(policy.ExpectedProcesses, back.ExpectedProcesses);
        Assert.Equal(policy.AllowedPeers.Select(p => (p.Network.ToString(), p.PrefixLength, p.Port)), back.AllowedPeers.Select(p => (p.Network.ToString(), p.PrefixLength, p.Port)));
    }

    [Fact]
    public void Envelope_is_1609_2_self_signed_data_with_the_private_psid()
    {
        var signed = OemDocument.Sign(OemDocumentKind.Manifest, [0xAB], TestBench.OemKey, TestBench.Start);
        // IEEE 1609.2 Ieee1609Dot2Data: version 3, signedData [1], hashId sha256 (0), SignedDataPayload preamble 0x40,
        // nested version 3, unsecuredData [0], length 2, kind 1 then the body (Docs/formats.md §3 has the same walk).
        Assert.Equal(Convert.FromHexString("038100400380020 1AB".Replace(" ", "", StringComparison.Ordinal)), signed[..9]);
        var data = V2x.Security.Ieee1609Dot2Data.Decode(signed);
        Assert.Equal(OemDocument.Psid, data.SignedData!.TbsData.HeaderInfo.Psid);
        Assert.Equal(V2x.Security.SignerKind.Self, data.SignedData.Signer.Kind);
    }

    public static TheoryData<string, OemDocumentError> Refusals => new()
    {
        { "signed by another key", OemDocumentError.BadSignature },
        { "one payload bit flipped", OemDocumentError.BadSignature },
        { "a manifest offered as policy", OemDocumentError.WrongKind },
        { "not 1609.2 at all", OemDocumentError.Malformed },
        { "truncated", OemDocumentError.Malformed },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Bad_documents_are_refused_with_a_typed_error(string name, OemDocumentError error)
    {
        var body = PolicyCodec.Encode(DefaultPolicies.SimulatedObu());
        using var other = EcdsaP256SignatureKey.Generate();
        var good = OemDocument.Sign(OemDocumentKind.Policy, body, TestBench.OemKey, TestBench.Start);
        byte[] document = name switch
        {
            "signed by another key" => OemDocument.Sign(OemDocumentKind.Policy, body, other, TestBench.Start),
            "one payload bit flipped" => Flip(good, 20),
            "a manifest offered as policy" => OemDocument.Sign(OemDocumentKind.Manifest, body, TestBench.OemKey, TestBench.Start),
            "not 1609.2 at all" => [1, 2, 3, 4],
            _ => good[..(good.Length - 5)],
        };
        var e = Assert.Throws<OemDocumentException>(() => OemDocument.Open(document, OemDocumentKind.Policy, TestBench.Rom));
        Assert.Equal(error, e.Error);
    }

    [Fact]
    public void A_policy_with_a_bad_signature_fails_closed_as_a_compromise()
    {
        using var bench = TestBench.Create();
        using var other = EcdsaP256SignatureKey.Generate();
        bench.Board.Store.Write(MeasuredBoot.PolicyKey, PolicyCodec.Sign(DefaultPolicies.SimulatedObu(), other, TestBench.Start));
        bench.Restart();
        var partition = bench.StartPartition();
        Assert.Equal(IntegrityLevel.Compromised, partition.Idf.Latest.Level);
        Assert.Contains(partition.Idf.Latest.Results.SelectMany(r => r.Evidence), e => e.Rule == "integrity.policy" && e.Detail.StartsWith("BadSignature", StringComparison.Ordinal));
        Assert.Equal(0u, partition.Idf.Policy.PolicyVersion);
        Assert.Equal(1000, partition.Idf.Policy.CleanScansToClear);
    }

    [Fact]
    public void A_policy_changed_at_runtime_is_caught_by_the_next_full_scan()
    {
        using var bench = TestBench.Create();
        var partition = bench.StartPartition();
        bench.Board.Store.Write(MeasuredBoot.PolicyKey, PolicyCodec.Sign(DefaultPolicies.SimulatedObu(2), TestBench.OemKey, TestBench.Start));
        var scan = partition.TriggerCheck(SecurePartition.Triggers.TriggerKind.Requested, "");
        Assert.Equal(IntegrityLevel.Compromised, scan.Level);
        Assert.Contains(scan.Results.SelectMany(r => r.Evidence), e => e.Rule == "runtime.policy");
    }

    public static TheoryData<string, string> MalformedPolicies => new()
    {
        { "format 1 (no longer read)", "01" },
        { "format 3", "03" },
        { "empty", "" },
        { "cut after the version", "0200000001" },
    };

    [Theory]
    [MemberData(nameof(MalformedPolicies))]
    public void Malformed_policy_bodies_are_refused(string name, string hex)
    {
        var e = Assert.Throws<SecurePartition.Encoding.MalformedDataException>(() => PolicyCodec.Decode(Convert.FromHexString(hex)));
        Assert.StartsWith("DetectionPolicy.", e.Field, StringComparison.Ordinal);
        Assert.NotEmpty(name);
    }

    [Fact]
    public void A_peer_with_bits_set_past_its_prefix_is_refused_by_decode()
    {
        // .NET 10's IPNetwork masks such bits instead of refusing them; the decoder must still refuse the rule.
        var body = PolicyCodec.Encode(DefaultPolicies.SimulatedObu() with { AllowedPeers = [new AllowedPeer(System.Net.IPAddress.Parse("198.51.100.7"), 24, 0)] });

        var e = Assert.Throws<SecurePartition.Encoding.MalformedDataException>(() => PolicyCodec.Decode(body));
        Assert.Contains("past its prefix", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_with_thresholds_out_of_order_is_refused_by_decode()
    {
        var body = PolicyCodec.Encode(DefaultPolicies.SimulatedObu());
        var bad = DefaultPolicies.SimulatedObu() with { HeapAnomalyFraction = 0.95, HeapHighFraction = 0.9 };
        Assert.Throws<ArgumentException>(() => PolicyCodec.Encode(bad));
        Assert.NotEmpty(body);
        Assert.Equal(Detectors.All, PolicyCodec.Decode(body).RequiredDetectors);
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 1;
        return copy;
    }
}
