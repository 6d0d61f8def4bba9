using System.Security.Cryptography;

namespace Hardware.Random;

/// <summary>The operating system's CSPRNG (getrandom(2) on Linux, through .NET's RandomNumberGenerator).</summary>
public sealed class SystemRandomSource : IRandomSource
{
    /// <summary>The shared instance.</summary>
    public static SystemRandomSource Instance { get; } = new();

    /// <inheritdoc />
    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
