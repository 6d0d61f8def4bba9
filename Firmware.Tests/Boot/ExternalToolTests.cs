using System.Diagnostics;
using System.Formats.Asn1;
using System.Security.Cryptography;
using Firmware.SecurePartition.BlackBox;
using Firmware.SecurePartition.Boot;
using Firmware.Tests.Support;
using Hardware.Security;

namespace Firmware.Tests.Boot;

/// <summary>
/// Known answers from outside the project: the measured SHA-256 of every stage against coreutils
/// `sha256sum`, and a black-box entry signature verified by the `openssl` command line
/// (ECDSA P-256 over SHA-256 of the entry bytes, FIPS 186-4).
/// </summary>
public sealed class ExternalToolTests
{
    [Theory]
    [InlineData("bootloader")]
    [InlineData("os")]
    [InlineData("idf")]
    [InlineData("app")]
    public void Measured_stage_hash_equals_sha256sum_of_the_same_bytes(string label)
    {
        using var bench = TestBench.Create();
        var stage = bench.StartPartition().Idf.Boot.Stages.Single(s => s.Label == label);
        var header = Hardware.Flash.FirmwareImageHeader.Read(bench.Board.FlashImage, label);
        var bytes = new byte[header.ImageLengthBytes];
        bench.Board.FlashImage.Read(label, 0, bytes);
        var file = Path.Combine(bench.Directory, label + ".img");
        File.WriteAllBytes(file, bytes);
        var output = Run("sha256sum", file);
        Assert.Equal(output[..64], Convert.ToHexStringLower(stage.Sha256));
        Assert.Equal(StageVerdict.Verified, stage.Verdict);
    }

    [Fact]
    public void Black_box_entry_signature_verifies_with_openssl()
    {
        using var store = new InMemoryKeyStore();
        var point = store.Generate("bbox");
        var key = new SecurePartition.Keys.KeyStoreSignatureKey(store, "bbox");
        var entry = BlackBoxFormat.BuildEntry(1, TestBench.Start, BlackBoxEntry.NoteKind, new byte[32], "openssl"u8, key);
        var dir = Testing.TestInfra.NewTempDirectory("fw-openssl");
        try
        {
            var data = Path.Combine(dir, "entry.bin");
            File.WriteAllBytes(data, entry[..^64]);
            // r and s as DER INTEGERs (X.690 §8.3.2: no redundant leading zero octets; r or s starts with one about
            // once in 128 signatures, which AsnWriter refuses rather than trims).
            static ReadOnlySpan<byte> Minimal(ReadOnlySpan<byte> v) => v.IndexOfAnyExcept((byte)0) is var i and > 0 ? v[i..] : v;
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteIntegerUnsigned(Minimal(entry.AsSpan(entry.Length - 64, 32)));
                writer.WriteIntegerUnsigned(Minimal(entry.AsSpan(entry.Length - 32, 32)));
            }

            File.WriteAllBytes(Path.Combine(dir, "sig.der"), writer.Encode());
            using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
            File.WriteAllText(Path.Combine(dir, "pub.pem"), ecdsa.ExportSubjectPublicKeyInfoPem());
            Assert.Contains("Verified OK", Run("openssl", "dgst", "-sha256", "-verify", Path.Combine(dir, "pub.pem"), "-signature", Path.Combine(dir, "sig.der"), data), StringComparison.Ordinal);

            entry[70] ^= 1;
            File.WriteAllBytes(data, entry[..^64]);
            Assert.Contains("Verification failure", Run("openssl", "dgst", "-sha256", "-verify", Path.Combine(dir, "pub.pem"), "-signature", Path.Combine(dir, "sig.der"), data), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return output;
    }
}
