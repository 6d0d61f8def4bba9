namespace Firmware.Application.Composition;

/// <summary>Why a CAM is generated now (EN 302 637-2 v1.4.1 §6.1.3), or why not.</summary>
public enum CamTrigger
{
    /// <summary>No CAM this check.</summary>
    None,

    /// <summary>The first CAM after the service started.</summary>
    First,

    /// <summary>Condition 1: heading changed by more than 4°.</summary>
    Heading,

    /// <summary>Condition 1: moved more than 4 m.</summary>
    Position,

    /// <summary>Condition 1: speed changed by more than 0.5 m/s.</summary>
    Speed,

    /// <summary>Condition 2: T_GenCam elapsed since the last CAM.</summary>
    Period,

    /// <summary>No CAM: the position source has no valid fix (nothing stale is sent as current).</summary>
    NoFix,
}
