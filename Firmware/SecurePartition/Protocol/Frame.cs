using System.Buffers.Binary;

namespace Firmware.SecurePartition.Protocol;

/// <summary>
/// One protocol frame. Header, 12 bytes big-endian, then the body:
/// <code>
/// 0  2  magic 0x53 0x50 ("SP")
/// 2  1  protocol version (1)
/// 3  1  message type (<see cref="MessageType"/>; bit 7 set in responses)
/// 4  4  request id (echoed in the response)
/// 8  4  body length
/// </code>
/// </summary>
/// <param name="Type">Message type byte.</param>
/// <param name="RequestId">Request id.</param>
/// <param name="Body">Body bytes.</param>
public sealed record Frame(byte Type, uint RequestId, byte[] Body)
{
    /// <summary>Header size.</summary>
    public const int HeaderBytes = 12;

    /// <summary>The protocol version this code speaks.</summary>
    public const byte Version = 1;

    /// <summary>Bit set in a response's type.</summary>
    public const byte ResponseBit = 0x80;

    /// <summary>Default largest body.</summary>
    public const int DefaultMaxBodyBytes = 64 * 1024;

    /// <summary>The frame's bytes.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[HeaderBytes + Body.Length];
        bytes[0] = 0x53;
        bytes[1] = 0x50;
        bytes[2] = Version;
        bytes[3] = Type;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), RequestId);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), (uint)Body.Length);
        Body.CopyTo(bytes, HeaderBytes);
        return bytes;
    }

    /// <summary>
    /// Reads one frame; null at a clean end of stream before a header. A bad magic or version, a
    /// body over <paramref name="maxBodyBytes"/>, or a stream that ends inside a frame raise
    /// <see cref="FrameException"/> (with the request id read so far, for the error answer).
    /// </summary>
    public static async Task<Frame?> ReadAsync(Stream stream, int maxBodyBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var first = new byte[1];
        if (await ReadFullyAsync(stream, first, cancellationToken).ConfigureAwait(false) == 0)
        {
            return null;
        }

        return await ReadRestAsync(stream, first[0], maxBodyBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the rest of a frame whose first byte was read (the server bounds this part in time).</summary>
    /// <exception cref="FrameException">The frame is bad or the stream ends inside it.</exception>
    public static async Task<Frame> ReadRestAsync(Stream stream, byte firstByte, int maxBodyBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[HeaderBytes];
        header[0] = firstByte;
        if (await ReadFullyAsync(stream, header.AsMemory(1), cancellationToken).ConfigureAwait(false) < HeaderBytes - 1)
        {
            throw new FrameException(PartitionError.Malformed, 0, "The stream ended inside a frame header.");
        }

        var id = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
        if (header[0] != 0x53 || header[1] != 0x50)
        {
            throw new FrameException(PartitionError.Malformed, id, "The frame does not start with \"SP\".");
        }

        if (header[2] != Version)
        {
            throw new FrameException(PartitionError.UnsupportedVersion, id, $"Protocol version {header[2]} is not supported (this partition speaks {Version}).");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8));
        if (length > (uint)maxBodyBytes)
        {
            throw new FrameException(PartitionError.Oversized, id, $"A body of {length} bytes exceeds {maxBodyBytes}.");
        }

        var body = new byte[length];
        if (await ReadFullyAsync(stream, body, cancellationToken).ConfigureAwait(false) < body.Length)
        {
            throw new FrameException(PartitionError.Malformed, id, "The stream ended inside a frame body.");
        }

        return new Frame(header[3], id, body);
    }

    private static async Task<int> ReadFullyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[done..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            done += n;
        }

        return done;
    }
}
