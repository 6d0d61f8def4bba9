namespace Hardware.Hmi;

/// <summary>A recorded change of the alert outputs.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Raised">True when raised, false when cleared.</param>
/// <param name="Alert">The alert.</param>
public sealed record AlertEvent(DateTimeOffset Time, bool Raised, HmiAlert Alert);
