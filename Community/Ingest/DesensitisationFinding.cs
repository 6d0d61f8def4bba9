namespace Community.Ingest;

/// <summary>One piece of personal or vehicle-identifying data found in an object (never the value itself).</summary>
/// <param name="Kind">vin, plate, imei, imsi, position, person or email.</param>
/// <param name="Path">Where, as a JSON path.</param>
public sealed record DesensitisationFinding(string Kind, string Path);
