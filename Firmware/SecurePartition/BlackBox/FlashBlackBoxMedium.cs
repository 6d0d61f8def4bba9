using Hardware.Boards;
using Hardware.Flash;

namespace Firmware.SecurePartition.BlackBox;

/// <summary>The black box in a flash partition (the simulated board's "blackbox", data/0x90).</summary>
public sealed class FlashBlackBoxMedium : IBlackBoxMedium
{
    private readonly IFlashImage _flash;
    private readonly string _label;

    /// <summary>Uses a partition of the flash.</summary>
    /// <exception cref="ArgumentException">No such partition.</exception>
    public FlashBlackBoxMedium(IFlashImage flash, string label = ObuPartitions.BlackBox)
    {
        ArgumentNullException.ThrowIfNull(flash);
        _flash = flash;
        _label = label;
        CapacityBytes = (flash.Partitions.Find(label) ?? throw new ArgumentException($"No partition '{label}'.", nameof(label))).SizeBytes;
    }

    /// <inheritdoc />
    public long CapacityBytes { get; }

    /// <inheritdoc />
    public void Read(long offsetBytes, Span<byte> destination) => _flash.Read(_label, offsetBytes, destination);

    /// <inheritdoc />
    public void Write(long offsetBytes, ReadOnlySpan<byte> source) => _flash.Write(_label, offsetBytes, source);

    /// <inheritdoc />
    public void Erase(long offsetBytes, long lengthBytes) => _flash.Erase(_label, offsetBytes, lengthBytes);
}
