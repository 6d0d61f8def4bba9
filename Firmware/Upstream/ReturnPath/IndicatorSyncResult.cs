namespace Firmware.Upstream.ReturnPath;

/// <summary>What one poll of the indicator collection did.</summary>
/// <param name="Read">Objects read.</param>
/// <param name="Deployed">Indicators deployed or replaced.</param>
/// <param name="Removed">Indicators whose rules were removed (revoked, expired, no longer supported).</param>
/// <param name="Unsupported">Indicators skipped whole because their pattern cannot be checked exactly.</param>
/// <param name="Skipped">Objects not deployed by policy.</param>
/// <param name="Refused">Indicators the partition refused (rule set full).</param>
public sealed record IndicatorSyncResult(int Read, int Deployed, int Removed, int Unsupported, int Skipped, int Refused);
