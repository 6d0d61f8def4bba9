namespace Firmware.Application.Receiving;

/// <summary>The lanes of the receive queue, served in this order (Docs/trust-decisions.md, "Under load").</summary>
public enum ReceiveLane
{
    /// <summary>Signed by a ticket the trust store caches (a verified neighbour) that is not backed off.</summary>
    Known = 0,

    /// <summary>A certificate never seen (chain validation needed), or a digest not known yet (the frame will wait).</summary>
    New = 1,

    /// <summary>A ticket backed off after bad signatures: verified only with capacity no other frame needs.</summary>
    Suspect = 2,
}
