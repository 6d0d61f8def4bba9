using V2x.Facilities.ItsContainer;

namespace V2x.Facilities.Cam;

/// <summary>
/// CAM generation time: ETSI EN 302 637-2 v1.4.1 Annex A, GenerationDeltaTime <c>INTEGER (0..65535)</c>
/// in milliseconds, defined in §B.3 as <c>TimestampIts mod 65 536</c> for the time of the reference
/// position.
/// </summary>
public readonly record struct GenerationDeltaTime(ushort Milliseconds)
{
    /// <summary>EN 302 637-2 v1.4.1 §B.3: generationDeltaTime = TimestampIts mod 65 536.</summary>
    public static GenerationDeltaTime FromTimestamp(TimestampIts timestamp) =>
        new((ushort)(timestamp.Milliseconds % 65536));
}
