namespace Hardware.Positioning;

/// <summary>A position source (GNSS receiver, gpsd, simulated route).</summary>
public interface IPositionSource
{
    /// <summary>The current fix; <see cref="PositionFix.IsValid"/> is false when there is none or it is too old.</summary>
    PositionFix Read();
}
