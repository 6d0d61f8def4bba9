namespace Firmware.Upstream.Desensitising;

/// <summary>
/// Something identifying found in a summary about to leave the OBU: its kind ("vin", "plate",
/// "imei-imsi", "phone", "email", "person", "position", "time", "identifier", "field", "structure")
/// and where (a JSON path). Never the value itself, so a finding can be logged and counted safely.
/// </summary>
/// <param name="Kind">What was found.</param>
/// <param name="Path">Where, as <c>$[object].property…</c>.</param>
public sealed record LeakFinding(string Kind, string Path);
