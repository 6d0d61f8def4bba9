namespace Hardware.Hmi;

/// <summary>An alert for the driver (patent ¶116: a visual alert on the dashboard, an audible alert).</summary>
/// <param name="Id">Identifies the alert so it can be cleared.</param>
/// <param name="Severity">How serious.</param>
/// <param name="Text">What the dashboard shows.</param>
/// <param name="Visual">Show it.</param>
/// <param name="Audible">Sound it.</param>
public sealed record HmiAlert(string Id, AlertSeverity Severity, string Text, bool Visual = true, bool Audible = false);
