using Hardware.Positioning;

namespace Hardware.Radio;

/// <summary>
/// A receiver's radio seen through a <see cref="RadioRange"/>: frames from senders the range model says this node does
/// not hear are dropped before the node sees them (the UDP multicast radio delivers every frame to every node, here
/// and in other bench processes, so the range is applied at the receiver, from the position each frame carries).
/// Sending is unchanged.
/// </summary>
public sealed class RangeLimitedRadioLink : IRadioLink, IRadioDropReport
{
    private readonly IRadioLink _inner;
    private readonly IPositionSource _position;
    private readonly RadioRange _range;
    private readonly Func<ReadOnlyMemory<byte>, (double Latitude, double Longitude)?> _senderPosition;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The node's radio.</param>
    /// <param name="position">The node's own position.</param>
    /// <param name="range">The range model (shared by the nodes of a run, for its figures).</param>
    /// <param name="senderPosition">Reads the sender's position from a frame (null when the frame carries none it can read).</param>
    public RangeLimitedRadioLink(IRadioLink inner, IPositionSource position, RadioRange range, Func<ReadOnlyMemory<byte>, (double Latitude, double Longitude)?> senderPosition)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(senderPosition);
        _inner = inner;
        _position = position;
        _range = range;
        _senderPosition = senderPosition;
        if (inner is IRadioDropReport report)
        {
            report.FrameDropped += f => FrameDropped?.Invoke(f);
        }
    }

    /// <inheritdoc />
    public event Action<RadioFrame>? FrameDropped;

    /// <summary>Frames this node did not hear (out of range or lost).</summary>
    public long NotHeard { get; private set; }

    /// <inheritdoc />
    public ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken = default) => _inner.SendAsync(frame, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<RadioFrame> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var frame = await _inner.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (_range.Delivers(_senderPosition(frame.Bytes), _position.Read()))
            {
                return frame;
            }

            NotHeard++;
        }
    }
}
