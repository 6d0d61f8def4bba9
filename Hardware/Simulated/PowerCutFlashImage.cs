using Hardware.Flash;

namespace Hardware.Simulated;

/// <summary>
/// Fault injection over a flash: after a set number of bytes written (or erased), power is cut:
/// the write in progress stops part-way and <see cref="SimulatedPowerLossException"/> is thrown,
/// as when a process is killed or the supply fails in the middle of a flash operation. Reads pass through.
/// </summary>
public sealed class PowerCutFlashImage : IFlashImage
{
    private readonly IFlashImage _inner;
    private long? _budgetBytes;

    /// <summary>Wraps a flash.</summary>
    public PowerCutFlashImage(IFlashImage inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <summary>True once the cut happened; every later write or erase fails too.</summary>
    public bool PowerLost { get; private set; }

    /// <inheritdoc />
    public PartitionTable Partitions => _inner.Partitions;

    /// <summary>Cuts power once this many more bytes have been written or erased.</summary>
    public void CutAfter(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        _budgetBytes = bytes;
    }

    /// <inheritdoc />
    public Stream OpenRead(string label) => new PartitionStream(this, Partitions[label]);

    /// <inheritdoc />
    public void Read(string label, long offsetBytes, Span<byte> destination) => _inner.Read(label, offsetBytes, destination);

    /// <inheritdoc />
    public void Write(string label, long offsetBytes, ReadOnlySpan<byte> source)
    {
        var allowed = Spend(source.Length);
        _inner.Write(label, offsetBytes, source[..allowed]);
        ThrowIfCut(allowed, source.Length);
    }

    /// <inheritdoc />
    public void Erase(string label, long offsetBytes, long lengthBytes)
    {
        FlashRanges.CheckErase(Partitions[label], offsetBytes, lengthBytes);
        var allowed = Spend(lengthBytes);
        if (allowed == lengthBytes)
        {
            _inner.Erase(label, offsetBytes, lengthBytes);
            return;
        }

        // A torn erase: the first bytes are erased, the rest keeps its old contents.
        var ff = new byte[allowed];
        ff.AsSpan().Fill(0xFF);
        _inner.Write(label, offsetBytes, ff);
        ThrowIfCut(allowed, lengthBytes);
    }

    private int Spend(long wanted)
    {
        if (PowerLost)
        {
            throw new SimulatedPowerLossException();
        }

        if (_budgetBytes is not { } budget)
        {
            return (int)Math.Min(wanted, int.MaxValue);
        }

        var allowed = Math.Min(budget, wanted);
        _budgetBytes = budget - allowed;
        return (int)allowed;
    }

    private void ThrowIfCut(long done, long wanted)
    {
        if (done < wanted)
        {
            PowerLost = true;
            throw new SimulatedPowerLossException();
        }
    }
}
