using V2x.Integrity;

namespace Firmware.SecurePartition.Detection;

/// <summary>One detector class of patent ¶95-104.</summary>
public interface IDetector
{
    /// <summary>The class (its bit in the compact report).</summary>
    DetectorFlags Detector { get; }

    /// <summary>Runs the checks of this class against the board and the policy.</summary>
    DetectorResult Run(ScanContext context);
}
