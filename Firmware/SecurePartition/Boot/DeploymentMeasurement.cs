namespace Firmware.SecurePartition.Boot;

/// <summary>One measurement of a sealed deployment.</summary>
/// <param name="Scope">What was re-hashed regardless of stamps.</param>
/// <param name="SealedFiles">Files the manifests list.</param>
/// <param name="SealedBytes">Their sealed sizes, summed (of those present).</param>
/// <param name="HashedFiles">Files re-hashed.</param>
/// <param name="HashedBytes">Bytes re-hashed.</param>
/// <param name="Findings">What was found (notes at no-anomaly level included).</param>
public sealed record DeploymentMeasurement(MeasureScope Scope, int SealedFiles, long SealedBytes, int HashedFiles, long HashedBytes, IReadOnlyList<DeploymentFinding> Findings);
