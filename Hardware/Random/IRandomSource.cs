namespace Hardware.Random;

/// <summary>A source of cryptographically strong random bytes (nonces, key material).</summary>
public interface IRandomSource
{
    /// <summary>Fills the buffer with random bytes.</summary>
    void Fill(Span<byte> destination);
}
