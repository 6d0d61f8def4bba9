namespace Hardware.Radio;

/// <summary>A radio link that sends and receives whole Ethernet frames (the ITS-G5 / C-V2X access layer on the bench).</summary>
public interface IRadioLink
{
    /// <summary>Broadcasts one frame to every node on the medium.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken = default);

    /// <summary>Waits for the next received frame.</summary>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The link was closed.</exception>
    ValueTask<RadioFrame> ReceiveAsync(CancellationToken cancellationToken = default);
}
