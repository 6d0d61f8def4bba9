using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using BenchmarkDotNet.Attributes;
using Firmware.Nano.Security;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Time;
using Mcu = global::Firmware.Nano.Integrity;
using NanoHeaderInfo = Firmware.Nano.Security.HeaderInfo;
using NanoIntegrityReport = Firmware.Nano.Integrity.IntegrityReport;

namespace Benchmarks.Nano;

/// <summary>
/// Issue 13's figure: on .NET, one integrity report + signed-message assembly by the MCU library (Firmware.Nano:
/// report, HeaderInfo with the carrier, ToBeSignedData, the IEEE 1609.2 §5.3.1 digest, the final Ieee1609Dot2Data with
/// a digest signer) per payload size, excluding the signature (the secure element makes it; r and s are fixed here),
/// beside the same assembly by V2x (the Linux partition's code) in the same run. The setup prints the library's file and
/// IL size (method bodies, from its metadata).
/// </summary>
[MemoryDiagnoser]
public class McuMessageBenchmarks
{
    private readonly byte[] _r = Enumerable.Repeat((byte)0x11, 32).ToArray();
    private readonly byte[] _s = Enumerable.Repeat((byte)0x22, 32).ToArray();
    private readonly byte[] _nonce = [1, 2, 3, 4, 5, 6, 7, 8];
    private byte[] _payload = [];
    private Certificate _ticket = null!;
    private SignedMessageBuilder _builder = null!;

    [Params(100, 300, 800, 1400)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = Enumerable.Range(0, PayloadBytes).Select(i => (byte)i).ToArray();
        using var key = EcdsaP256SignatureKey.Generate();
        _ticket = CertificateIssuer.SelfSignedRoot(new ToBeSignedCertificate
        {
            Id = CertificateId.FromName("bench.nano"),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), new Duration(DurationUnit.Years, 1)),
            AppPermissions = [new PsidSsp(Psid.Cam, null)],
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(key.PublicKey),
        }, key);
        _builder = new SignedMessageBuilder(_ticket.Encoded.ToArray());
        PrintLibrarySize();
    }

    [Benchmark(Baseline = true)]
    public byte[] V2xAssembly()
    {
        var report = new IntegrityReport(IntegrityLevel.Anomaly, DetectorFlags.Crash, 42, 0x0102030405060708, new Time64(700_000_000_000_000))
        {
            Coverage = DetectorFlags.Memory | DetectorFlags.Crash,
        };
        var header = IntegrityReportExtension.Put(new global::V2x.Security.HeaderInfo { Psid = Psid.Cam, GenerationTime = new Time64(700_000_000_000_000) }, report);
        var tbs = ToBeSignedData.Create(new SignedDataPayload(Ieee1609Dot2Data.Unsecured(_payload), null), header);
        Span<byte> digest = stackalloc byte[32];
        SignatureInput.ComputeDigest(SignatureAlgorithm.EcdsaNistP256, tbs.Encoded.Span, _ticket.Hash, default, digest);
        return Ieee1609Dot2Data.Signed(new SignedData(HashAlgorithm.Sha256, tbs, SignerIdentifier.FromDigest(_ticket.HashedId8),
            Signature.FromRs(SignatureAlgorithm.EcdsaNistP256, _r, _s))).Encoded.ToArray();
    }

    [Benchmark]
    public byte[] McuAssembly()
    {
        var report = new NanoIntegrityReport(Mcu.IntegrityLevel.Anomaly, Mcu.DetectorFlags.Crash,
            Mcu.DetectorFlags.Memory | Mcu.DetectorFlags.Crash, Mcu.PostureGrade.NotAssessed, 42,
            _nonce, 700_000_000_000_000);
        var tbs = SignedMessageBuilder.ToBeSignedData(_payload, new NanoHeaderInfo(Psids.Cam, 700_000_000_000_000, null, report));
        _ = _builder.SigningDigest(tbs);
        return _builder.Assemble(tbs, _r, _s);
    }

    private static void PrintLibrarySize()
    {
        var path = typeof(SignedMessageBuilder).Assembly.Location;
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        var il = 0;
        var methods = 0;
        foreach (var handle in md.MethodDefinitions)
        {
            var rva = md.GetMethodDefinition(handle).RelativeVirtualAddress;
            if (rva != 0)
            {
                il += pe.GetMethodBody(rva).Size;
                methods++;
            }
        }

        Console.WriteLine($"// Firmware.Nano.dll: {new FileInfo(path).Length} bytes, {md.TypeDefinitions.Count} types, {methods} method bodies, {il} bytes of IL");
    }
}
