namespace Firmware.Application.Receiving;

/// <summary>What became of a received frame.</summary>
public enum ReceiveOutcome
{
    /// <summary>Every check passed; the decision table decided how far to act.</summary>
    Accepted,

    /// <summary>A check failed (the stage and reason say which); nothing about the frame was kept.</summary>
    Rejected,

    /// <summary>Held until the signer's (or its issuer's) certificate arrives, for a bounded time; decided later.</summary>
    Deferred,
}
