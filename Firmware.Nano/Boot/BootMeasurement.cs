using Firmware.Nano.Policy;

namespace Firmware.Nano.Boot;

/// <summary>What <see cref="MeasuredBoot.Run"/> found: the verified manifest and policy, or the problem, and each image's verdict.</summary>
public sealed class BootMeasurement
{
    /// <summary>A measurement.</summary>
    public BootMeasurement(ReferenceManifest manifest, McuPolicy policy, string problem, StageMeasurement[] stages)
    {
        Manifest = manifest;
        Policy = policy;
        Problem = problem;
        Stages = stages ?? new StageMeasurement[0];
    }

    /// <summary>The verified manifest, or null.</summary>
    public ReferenceManifest Manifest { get; }

    /// <summary>The verified policy, or null.</summary>
    public McuPolicy Policy { get; }

    /// <summary>Why the OEM records could not be used, or null.</summary>
    public string Problem { get; }

    /// <summary>The measured images.</summary>
    public StageMeasurement[] Stages { get; }

    /// <summary>Manifest and policy verified, every image matches.</summary>
    public bool IsClean
    {
        get
        {
            if (Problem != null || Manifest == null || Policy == null)
            {
                return false;
            }

            foreach (var s in Stages)
            {
                if (s.Verdict != StageVerdict.Match)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
