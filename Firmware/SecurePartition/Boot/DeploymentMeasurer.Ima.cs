using System.Globalization;
using System.Security.Cryptography;
using Hardware.Files;
using V2x.Integrity;

namespace Firmware.SecurePartition.Boot;

public sealed partial class DeploymentMeasurer
{
    /// <summary>
    /// The kernel's own measurements (Linux IMA) of files under the deployment root, checked against
    /// the manifests: a SHA-256 that differs (the kernel loaded other bytes than the sealed ones, even
    /// if they were put back since) or a measured file no manifest lists is a high anomaly. Entries
    /// hashed with another algorithm cannot be compared with the manifests' SHA-256 and are counted
    /// in the note. Without an IMA list the report says so (ima.unavailable).
    /// </summary>
    private void CheckIma(List<DeploymentFinding> findings)
    {
        if (_ima is null)
        {
            findings.Add(new DeploymentFinding("ima.unavailable", "ima", IntegrityLevel.NoAnomaly,
                "the kernel exposes no IMA measurement list (securityfs ima/ascii_runtime_measurements): the deployment's files are measured by the secure partition alone"));
            return;
        }

        IReadOnlyList<FileMeasurement> list;
        try
        {
            list = _ima.Read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            findings.Add(new DeploymentFinding("ima.unreadable", "ima", IntegrityLevel.Anomaly, $"the IMA measurement list cannot be read: {e.Message}"));
            return;
        }

        var prefix = _tree.Root.TrimEnd('/') + "/";
        var (compared, incomparable) = (0, 0);
        foreach (var m in list)
        {
            if (!m.Path.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var path = m.Path[prefix.Length..];
            if (path is DeploymentLayout.SecureManifest or DeploymentLayout.ApplicationManifest)
            {
                continue;
            }

            if (!_listed.TryGetValue(path, out var listed))
            {
                findings.Add(new DeploymentFinding("ima.unlisted", path, IntegrityLevel.HighAnomaly,
                    $"the kernel measured {path} ({m.Algorithm}:{Convert.ToHexStringLower(m.Digest)}), which no manifest lists"));
                continue;
            }

            if (!string.Equals(m.Algorithm, "sha256", StringComparison.OrdinalIgnoreCase) || m.Digest.Length != 32)
            {
                incomparable++;
                continue;
            }

            compared++;
            if (!CryptographicOperations.FixedTimeEquals(m.Digest, listed.Entry.Sha256))
            {
                findings.Add(new DeploymentFinding("ima.mismatch", path, IntegrityLevel.HighAnomaly,
                    $"the kernel measured {path} as sha256:{Convert.ToHexStringLower(m.Digest)}, sealed {Convert.ToHexStringLower(listed.Entry.Sha256)}"));
            }
        }

        findings.Add(new DeploymentFinding("ima.checked", "ima", IntegrityLevel.NoAnomaly, string.Create(CultureInfo.InvariantCulture,
            $"IMA: {list.Count} measurements since boot, {compared} of the deployment's files compared with the manifests, {incomparable} hashed with another algorithm than SHA-256")));
    }
}
