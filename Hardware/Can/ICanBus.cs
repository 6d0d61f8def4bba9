namespace Hardware.Can;

/// <summary>A node's connection to an in-vehicle CAN bus.</summary>
public interface ICanBus
{
    /// <summary>Sends a frame to the bus.</summary>
    ValueTask SendAsync(CanFrame frame, CancellationToken cancellationToken = default);

    /// <summary>Waits for the next frame sent by another node.</summary>
    ValueTask<CanFrame> ReceiveAsync(CancellationToken cancellationToken = default);
}
