namespace Firmware.Nano.Detection;

/// <summary>
/// The provisioning layout of the secure element (Docs/mcu.md): the authorization ticket's private key, the
/// OEM public key that signs manifests and policies, and the monotonic counter behind the message counter.
/// </summary>
public sealed class ElementLayout
{
    /// <summary>Slot 0 signs, slot 15 holds the OEM public key (a public-key slot of the 8-15 range), counter 0.</summary>
    public static readonly ElementLayout Default = new ElementLayout(0, 15, 0, null);

    /// <summary>A layout.</summary>
    /// <param name="signingKeySlot">Slot of the ticket's private key.</param>
    /// <param name="oemKeySlot">Slot of the OEM public key.</param>
    /// <param name="counterId">The monotonic counter (0 or 1).</param>
    /// <param name="expectedSigningKey">The signing slot's public key (X ‖ Y) recorded at provisioning, or null when not known.</param>
    public ElementLayout(int signingKeySlot, int oemKeySlot, int counterId, byte[] expectedSigningKey)
    {
        SigningKeySlot = signingKeySlot;
        OemKeySlot = oemKeySlot;
        CounterId = counterId;
        ExpectedSigningKey = expectedSigningKey;
    }

    /// <summary>Slot of the ticket's private key.</summary>
    public int SigningKeySlot { get; }

    /// <summary>Slot of the OEM public key.</summary>
    public int OemKeySlot { get; }

    /// <summary>The monotonic counter.</summary>
    public int CounterId { get; }

    /// <summary>The signing slot's public key recorded at provisioning, or null.</summary>
    public byte[] ExpectedSigningKey { get; }
}
