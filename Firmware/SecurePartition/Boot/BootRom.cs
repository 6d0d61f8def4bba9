using V2x.Security.Crypto;

namespace Firmware.SecurePartition.Boot;

/// <summary>
/// What the boot ROM pins: the OEM public key that verifies the reference manifest, the policy
/// and posture responses (patent ¶134, ¶138: the first stage is immutable and holds the root key).
/// The simulated board keeps it in a write-once ROM file beside its flash image (Host/RomFile.cs);
/// <see cref="Hardware.Boards.BoardDescription"/> has no field for it.
/// </summary>
/// <param name="OemPublicKey">The OEM's ECDSA P-256 public key.</param>
public sealed record BootRom(PublicVerificationKey OemPublicKey)
{
    /// <summary>The 33-byte compressed SEC 1 form of a P-256 key (SEC 1 v2.0 §2.3.3).</summary>
    public static byte[] EncodeKey(PublicVerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Point.ToCompressed().ToSec1();
    }

    /// <summary>Reads a 33-byte compressed (or 65-byte uncompressed) SEC 1 P-256 key.</summary>
    /// <exception cref="ArgumentException">Not such a point.</exception>
    public static PublicVerificationKey DecodeKey(ReadOnlySpan<byte> sec1)
    {
        if (sec1.Length == 33 && sec1[0] is 0x02 or 0x03)
        {
            return new PublicVerificationKey(SignatureAlgorithm.EcdsaNistP256, EccP256CurvePoint.Compressed(sec1[1..], sec1[0] == 0x03));
        }

        if (sec1.Length == 65 && sec1[0] == 0x04)
        {
            return new PublicVerificationKey(SignatureAlgorithm.EcdsaNistP256, EccP256CurvePoint.Compressed(sec1[1..33], (sec1[64] & 1) != 0));
        }

        throw new ArgumentException("A P-256 public key is a 33-byte compressed or 65-byte uncompressed SEC 1 point.", nameof(sec1));
    }
}
