namespace Firmware.Nano.SecureElement;

/// <summary>
/// A secure element holding the station's private keys, as ESP32 OBU boards carry one over I2C
/// (ATECC608-class, <see cref="Atecc608"/>): keys live in numbered slots and never leave it.
/// Every method throws <see cref="SecureElementException"/> when the device does not answer or refuses.
/// </summary>
public interface ISecureElement
{
    /// <summary>ECDSA P-256 signature of a 32-octet digest with the private key in <paramref name="keySlot"/>: r ‖ s, 64 octets.</summary>
    byte[] SignDigest(int keySlot, byte[] digest);

    /// <summary>Checks an r ‖ s signature of a 32-octet digest against the public key stored in <paramref name="publicKeySlot"/>.</summary>
    bool VerifyDigest(int publicKeySlot, byte[] digest, byte[] signature);

    /// <summary>The public key of the private key in <paramref name="keySlot"/>: X ‖ Y, 64 octets.</summary>
    byte[] PublicKey(int keySlot);

    /// <summary>Reads, or increments and reads, monotonic counter <paramref name="counterId"/> (0 or 1).</summary>
    uint Counter(int counterId, bool increment);

    /// <summary>Revision, lock state and self-test result.</summary>
    SecureElementHealth CheckHealth();
}
