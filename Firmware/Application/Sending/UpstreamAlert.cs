using V2x.Integrity;

namespace Firmware.Application.Sending;

/// <summary>
/// The upstream alert of option 1 (patent ¶116: "to an off-board server"): raised when a detection begins or
/// gets worse. The bench wires it to the upstream forwarder (Firmware/Upstream), which sends the detailed
/// report from the black box.
/// </summary>
/// <param name="Time">When.</param>
/// <param name="Level">The level the partition reported.</param>
/// <param name="Detectors">The detectors that reported.</param>
/// <param name="Station">The station's current ITS station ID (pseudonymous).</param>
public sealed record UpstreamAlert(DateTimeOffset Time, IntegrityLevel Level, DetectorFlags Detectors, uint Station);
