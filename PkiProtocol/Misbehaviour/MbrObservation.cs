using V2x.Security;

namespace PkiProtocol.Misbehaviour;

/// <summary>
/// One detection class of the local misbehaviour detection, as a target and observation of ETSI TS 103 759 v2.1.1
/// (EtsiTs103759AsrCam: c-CamTgt-* target classes, EtsiTs103759MbrCommonObservations: c-Obs* identifiers) where the
/// standard has one, and project-private identifiers (targets 128 and up) where it has none (Docs/misbehaviour.md).
/// </summary>
public enum MbrObservation
{
    /// <summary>CAM c-CamTgt-BeaconCommon (0), c-ObsBeacon-IntervalTooSmall (1): two CAMs closer than 80 % of T_GenCamMin (EN 302 637-2 §6.1.3).</summary>
    BeaconIntervalTooSmall,

    /// <summary>CAM c-CamTgt-PositionCommon (3), c-ObsPosition-ChangeTooLarge (4): a position jump the elapsed time and speed cannot explain.</summary>
    PositionChangeTooLarge,

    /// <summary>CAM c-CamTgt-SpeedCommon (4), c-ObsSpeed-ValueTooLarge-VehicleType (3): a speed no vehicle of the station type reaches.</summary>
    SpeedValueTooLarge,

    /// <summary>CAM c-CamTgt-SpeedCommon (4), c-ObsSpeed-ChangeTooLarge (5): speed changed faster than any vehicle can accelerate or brake.</summary>
    SpeedChangeTooLarge,

    /// <summary>CAM c-CamTgt-LongAccCommon (5), c-ObsLongAcc-ValueTooLarge (4): a longitudinal acceleration no vehicle reaches.</summary>
    LongitudinalAccelerationTooLarge,

    /// <summary>Project-private CAM target 128 (heading), observation 1: heading changed faster than the speed allows.</summary>
    HeadingChangeTooLarge,

    /// <summary>Project-private CAM target 129 (station overlap), observation 1: two signers claim one place at one time (Sybil / ghost vehicle).</summary>
    TwoSendersOnePlace,

    /// <summary>Project-private DENM target 128 (event position), observation 1: the event position is farther from the sender than it can perceive.</summary>
    DenmEventTooFar,
}

/// <summary>The TS 103 759 identifiers of each <see cref="MbrObservation"/>.</summary>
public static class MbrObservations
{
    /// <summary>First project-private target id (TS 103 759 uses 0..5 for CAM).</summary>
    public const byte FirstPrivateTarget = 128;

    /// <summary>The AID (CAM 36 or DENM 37), target id and observation id of a class.</summary>
    public static (Psid Aid, byte Target, byte Observation) Ids(MbrObservation observation) => observation switch
    {
        MbrObservation.BeaconIntervalTooSmall => (Psid.Cam, 0, 1),
        MbrObservation.PositionChangeTooLarge => (Psid.Cam, 3, 4),
        MbrObservation.SpeedValueTooLarge => (Psid.Cam, 4, 3),
        MbrObservation.SpeedChangeTooLarge => (Psid.Cam, 4, 5),
        MbrObservation.LongitudinalAccelerationTooLarge => (Psid.Cam, 5, 4),
        MbrObservation.HeadingChangeTooLarge => (Psid.Cam, FirstPrivateTarget, 1),
        MbrObservation.TwoSendersOnePlace => (Psid.Cam, FirstPrivateTarget + 1, 1),
        MbrObservation.DenmEventTooFar => (Psid.Denm, FirstPrivateTarget, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(observation)),
    };

    /// <summary>The class of (AID, target, observation), or null for identifiers this project does not use.</summary>
    public static MbrObservation? Of(Psid aid, byte target, byte observation) =>
        Enum.GetValues<MbrObservation>().Cast<MbrObservation?>().FirstOrDefault(o => Ids(o!.Value) == (aid, target, observation));
}
