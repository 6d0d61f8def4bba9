using Firmware.SecurePartition.Boot;
using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// The settings of a sealed deployment for `secure-partition` and `obu`: Deployment:Root (--deployment,
/// the deployment the Linux board measures; an A/B installation's ROOT/current) and
/// Deployment:RehashMinutes (how often a full scan re-hashes every sealed file; default 60).
/// </summary>
public static class DeploymentSettings
{
    /// <summary>The runtime measurement options; with a deployment, the partition checks it runs from the deployment's secure/.</summary>
    public static DeploymentCheckOptions Options(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new DeploymentCheckOptions
        {
            FullRehashPeriod = TimeSpan.FromMinutes(Settings.UInt(configuration, "Deployment:RehashMinutes", 60)),
            RunningFrom = configuration["Deployment:Root"] is { Length: > 0 } ? AppContext.BaseDirectory : null,
        };
    }
}
