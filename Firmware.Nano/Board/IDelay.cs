namespace Firmware.Nano.Board;

/// <summary>Waits (natively: <c>Thread.Sleep</c>); injected so that tests advance a clock instead of sleeping.</summary>
public interface IDelay
{
    /// <summary>Waits <paramref name="milliseconds"/>.</summary>
    void Wait(int milliseconds);
}
