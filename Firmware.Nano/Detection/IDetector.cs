using Firmware.Nano.Integrity;

namespace Firmware.Nano.Detection;

/// <summary>One detector of the MCU's integrity detection function.</summary>
public interface IDetector
{
    /// <summary>Its class in the report.</summary>
    DetectorFlags Detector { get; }

    /// <summary>Runs it once.</summary>
    DetectorResult Run(McuBoard board, Policy.McuPolicy policy);
}
