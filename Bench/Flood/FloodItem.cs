namespace Bench.Flood;

/// <summary>One frame of the flood traffic: when it is sent (after the run's start), its octets, what it is, and for a genuine frame or its replay the genuine frame's index.</summary>
internal readonly record struct FloodItem(long OffsetTicks, byte[] Frame, FloodKind Kind, int Genuine);
