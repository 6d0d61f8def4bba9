namespace Firmware.Application.Receiving;

/// <summary>A well-formed frame the decode stage refuses (not signed, PSID and port disagree, no generation time).</summary>
internal sealed class FrameRejectedException(ReceiveReason reason, string message) : Exception(message)
{
    public ReceiveReason Reason { get; } = reason;
}
