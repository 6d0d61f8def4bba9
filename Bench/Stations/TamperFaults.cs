namespace Bench.Stations;

/// <summary>The words for a <see cref="TamperFault"/>: its scenario file's attack name and what it does, for the run's lines and the live view.</summary>
public static class TamperFaults
{
    /// <summary>The scenario file's name of the attack that injects <paramref name="fault"/> (<c>rogue-process</c>, <c>tampered-firmware</c>).</summary>
    public static string Name(TamperFault fault) => fault switch
    {
        TamperFault.RogueProcess => "rogue-process",
        TamperFault.TamperedFirmware => "tampered-firmware",
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    /// <summary>What happens on the board and what its next scan latches.</summary>
    public static string Describe(TamperFault fault) => fault switch
    {
        TamperFault.RogueProcess => "a rogue process (root, 90 % CPU) starts on its board; its next integrity scan latches a high anomaly",
        TamperFault.TamperedFirmware => "its application image is overwritten in flash; its next integrity scan's re-hash latches a compromise",
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };
}
