using Hardware.Radio;
using V2x.Link;

namespace Bench.Stations;

/// <summary>
/// A station's radio as its GeoNetworking router sees it: frames whose Ethernet source is the station's own
/// current MAC (its GN address's MID) are dropped before the receive pipeline. ETSI EN 302 636-4-1 v1.4.1
/// §10.2.1.5: a router that receives a packet carrying its own GN address does not process it (duplicate
/// address detection). On the bench this matters for the attacker's replays: a station hearing its own frame
/// replayed has no replay state for it (it never received it), and would otherwise decide on its own message.
/// </summary>
public sealed class OwnFrameFilter : IRadioLink
{
    private const int SourceOffset = 6;
    private readonly IRadioLink _inner;
    private readonly Func<MacAddress?> _ownMac;
    private long _dropped;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="ownMac"/> gives the station's current MAC (null before it has one).</summary>
    public OwnFrameFilter(IRadioLink inner, Func<MacAddress?> ownMac)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(ownMac);
        _inner = inner;
        _ownMac = ownMac;
    }

    /// <summary>Frames dropped as the station's own.</summary>
    public long DroppedOwnFrames => Interlocked.Read(ref _dropped);

    /// <inheritdoc />
    public ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken = default) => _inner.SendAsync(frame, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<RadioFrame> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var frame = await _inner.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (frame.Bytes.Length >= SourceOffset + MacAddress.Length && _ownMac() is { } own
                && MacAddress.Read(frame.Bytes.AsSpan(SourceOffset, MacAddress.Length)) == own)
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }

            return frame;
        }
    }
}
