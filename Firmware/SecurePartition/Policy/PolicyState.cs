namespace Firmware.SecurePartition.Policy;

/// <summary>The policy as loaded at boot: the signed bytes (re-checked at runtime as configuration) or why none loaded.</summary>
/// <param name="SignedBytes">The signed policy document in force (empty when none verified).</param>
/// <param name="Problem">Why the stored policy was refused (null when it verified).</param>
public sealed record PolicyState(byte[] SignedBytes, string? Problem);
