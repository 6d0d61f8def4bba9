namespace Bench.Flood;

/// <summary>What a frame of the flood traffic is.</summary>
internal enum FloodKind
{
    /// <summary>A neighbour's CAM (10 Hz, its certificate once a second).</summary>
    Genuine,

    /// <summary>An exact copy of a genuine frame, sent again later.</summary>
    Replay,

    /// <summary>A CAM under a cached neighbour's digest with a wrong signature.</summary>
    Forged,

    /// <summary>A CAM carrying a valid ticket never heard before, signed by another key.</summary>
    Uncached,

    /// <summary>A CAM signed under a random digest the receiver never learns.</summary>
    RandomDigest,
}
