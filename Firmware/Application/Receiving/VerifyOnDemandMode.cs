namespace Firmware.Application.Receiving;

/// <summary>
/// When awareness-only messages may be decided without their signature verified (IEEE 1609.2 practice of
/// verify-on-demand; Docs/trust-decisions.md, "Under load"). Actionable messages (every PSID not in
/// <see cref="ReceiveLoadOptions.AwarenessOnly"/>, so DENMs and the EEBL among them) are always verified.
/// </summary>
public enum VerifyOnDemandMode
{
    /// <summary>Every message is verified (the default).</summary>
    Off,

    /// <summary>Sampled only while the receive queue holds at least <see cref="ReceiveLoadOptions.VerifyOnDemandBacklog"/> frames in the frame's lane and those served before it.</summary>
    UnderLoad,

    /// <summary>Always sampled (one in each window of <see cref="ReceiveLoadOptions.VerifyOnDemandSampleEvery"/> per ticket is verified).</summary>
    Always,
}
