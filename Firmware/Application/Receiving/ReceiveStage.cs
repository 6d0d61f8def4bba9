namespace Firmware.Application.Receiving;

/// <summary>The stages of the receive pipeline, in the order they run (Docs/trust-decisions.md, "Order of checks").</summary>
public enum ReceiveStage
{
    /// <summary>1. Every layer decoded, Ethernet to CAM/DENM; the frame is secured and signed, PSID and port agree.</summary>
    Decode = 1,

    /// <summary>2. The signer's certificate chains to the trusted root, is valid at the generation time and in its region.</summary>
    Signer = 2,

    /// <summary>3. Neither the ticket nor any CA of its chain is revoked, and their CRLs are current.</summary>
    Revocation = 3,

    /// <summary>4. The ticket permits the PSID and the SSP permits the content.</summary>
    Permissions = 4,

    /// <summary>5. Generation time within the PSID's freshness window; not expired.</summary>
    Freshness = 5,

    /// <summary>6. Not a replay (duplicate, or a counter the sender's window has seen).</summary>
    Replay = 6,

    /// <summary>7. The signature verifies.</summary>
    Signature = 7,

    /// <summary>8. The IDF assurance permission and the integrity report are readable and consistent.</summary>
    Assurance = 8,

    /// <summary>9. The decision table.</summary>
    Decision = 9,
}
