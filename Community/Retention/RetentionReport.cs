namespace Community.Retention;

/// <summary>What one run of the retention job did.</summary>
/// <param name="ErasedVersions">Object versions erased (each audited).</param>
/// <param name="ErasedGroups">Stale merged anomalies erased.</param>
/// <param name="StatusesPurged">Status resources past their retention removed.</param>
/// <param name="At">When the run happened.</param>
public sealed record RetentionReport(int ErasedVersions, int ErasedGroups, int StatusesPurged, DateTimeOffset At);
