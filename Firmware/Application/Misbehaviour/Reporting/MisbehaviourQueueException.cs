namespace Firmware.Application.Misbehaviour.Reporting;

/// <summary>The misbehaviour report queue's file cannot be used (not a queue, unwritable, damaged).</summary>
public sealed class MisbehaviourQueueException : Exception
{
    public MisbehaviourQueueException()
    {
    }

    public MisbehaviourQueueException(string message)
        : base(message)
    {
    }

    public MisbehaviourQueueException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
