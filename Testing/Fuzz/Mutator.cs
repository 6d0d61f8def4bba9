namespace Testing.Fuzz;

/// <summary>
/// A seeded, reproducible input mutator for decoder fuzzing: bit flips, truncations, inflated
/// lengths, byte insertions and deletions. The same seed gives the same sequence of mutations, so a
/// failing iteration is reproduced from (seed, iteration).
/// </summary>
public sealed class Mutator
{
    private static readonly byte[] LengthBytes = [0x7F, 0x80, 0x81, 0x82, 0x83, 0x84, 0xFF];
    private readonly Random _random;

    public Mutator(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
    }

    public int Seed { get; }

    /// <summary>The mutations applied by the last call to <see cref="Mutate"/>.</summary>
    public IReadOnlyList<MutationKind> LastMutations { get; private set; } = [];

    /// <summary>Returns a mutated copy of <paramref name="input"/> (one to three mutations).</summary>
    public byte[] Mutate(ReadOnlySpan<byte> input)
    {
        var data = new List<byte>(input.Length + 8);
        data.AddRange(input);
        var count = 1 + _random.Next(3);
        var applied = new MutationKind[count];
        for (var i = 0; i < count; i++)
        {
            applied[i] = (MutationKind)_random.Next(Enum.GetValues<MutationKind>().Length);
            Apply(applied[i], data);
        }

        LastMutations = applied;
        return [.. data];
    }

    private void Apply(MutationKind kind, List<byte> data)
    {
        if (data.Count == 0)
        {
            data.Add((byte)_random.Next(256));
            return;
        }

        var at = _random.Next(data.Count);
        switch (kind)
        {
            case MutationKind.BitFlip:
                data[at] ^= (byte)(1 << _random.Next(8));
                break;
            case MutationKind.Truncate:
                data.RemoveRange(at, data.Count - at);
                break;
            case MutationKind.InflateLength:
                data[at] = LengthBytes[_random.Next(LengthBytes.Length)];
                break;
            case MutationKind.InsertBytes:
                var insert = new byte[1 + _random.Next(4)];
                _random.NextBytes(insert);
                data.InsertRange(at, insert);
                break;
            case MutationKind.DeleteBytes:
                data.RemoveRange(at, Math.Min(1 + _random.Next(4), data.Count - at));
                break;
            default:
                data[at] = (byte)_random.Next(256);
                break;
        }
    }
}
