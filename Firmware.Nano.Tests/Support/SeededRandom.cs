using Firmware.Nano.Board;

namespace Firmware.Nano.Tests.Support;

/// <summary>A seeded random source: repeatable nonces in tests (the board's is the hardware RNG).</summary>
public sealed class SeededRandom(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    public void Fill(byte[] buffer) => _random.NextBytes(buffer);
}
