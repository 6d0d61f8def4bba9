namespace Bench.Reporting;

/// <summary>The phases of a demo run.</summary>
public enum DemoPhase
{
    /// <summary>Every OBU is clean.</summary>
    Clean,

    /// <summary>One OBU runs a rogue process from the phase's first instant.</summary>
    Tampered,
}
