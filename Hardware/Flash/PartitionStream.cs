namespace Hardware.Flash;

/// <summary>A read-only, seekable stream over one partition of an <see cref="IFlashImage"/>.</summary>
public sealed class PartitionStream : Stream
{
    private readonly IFlashImage _flash;
    private readonly PartitionEntry _partition;
    private long _position;

    /// <summary>Creates the stream.</summary>
    public PartitionStream(IFlashImage flash, PartitionEntry partition)
    {
        ArgumentNullException.ThrowIfNull(flash);
        ArgumentNullException.ThrowIfNull(partition);
        _flash = flash;
        _partition = partition;
    }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => true;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => _partition.SizeBytes;

    /// <inheritdoc />
    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Clamp(Length - _position, 0, buffer.Length);
        if (n == 0)
        {
            return 0;
        }

        _flash.Read(_partition.Label, _position, buffer[..n]);
        _position += n;
        return n;
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException("A partition stream is read-only.");

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A partition stream is read-only.");
}
