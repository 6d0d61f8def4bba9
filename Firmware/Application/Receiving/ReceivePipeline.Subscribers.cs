using Microsoft.Extensions.Logging;

namespace Firmware.Application.Receiving;

/// <summary>
/// The pipeline's subscribers (<see cref="Decided"/>, <see cref="NewSigner"/>): each handler is called alone, so a
/// handler that throws is logged and counted, and neither the other handlers nor the worker that raised the decision
/// are stopped by it (a worker ended by a subscriber's fault would leave the intake to fill and every later frame
/// refused as <see cref="ReceiveReason.QueueFull"/>).
/// </summary>
public sealed partial class ReceivePipeline
{
    private static void Subscribe<T>(ref T[] handlers, T? handler)
        where T : Delegate
    {
        if (handler is null)
        {
            return;
        }

        T[] current, next;
        do
        {
            current = Volatile.Read(ref handlers);
            next = [.. current, handler];
        }
        while (Interlocked.CompareExchange(ref handlers, next, current) != current);
    }

    private static void Unsubscribe<T>(ref T[] handlers, T? handler)
        where T : Delegate
    {
        if (handler is null)
        {
            return;
        }

        T[] current, next;
        do
        {
            current = Volatile.Read(ref handlers);
            var at = Array.LastIndexOf(current, handler);
            if (at < 0)
            {
                return;
            }

            next = [.. current.AsSpan(0, at), .. current.AsSpan(at + 1)];
        }
        while (Interlocked.CompareExchange(ref handlers, next, current) != current);
    }

    private void Raise<T>(Action<T> handler, T value, string eventName)
    {
        try
        {
            handler(value);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Statistics.CountHandlerFault();
            ReceiveLog.HandlerFault(_log, _options.Name, eventName, e);
        }
    }
}
