namespace Firmware.Nano.Boot;

/// <summary>One image as measured at boot.</summary>
public sealed class StageMeasurement
{
    /// <summary>A measurement.</summary>
    public StageMeasurement(string label, StageVerdict verdict, string detail)
    {
        Label = label;
        Verdict = verdict;
        Detail = detail;
    }

    /// <summary>The manifest label.</summary>
    public string Label { get; }

    /// <summary>The verdict.</summary>
    public StageVerdict Verdict { get; }

    /// <summary>A sentence for the log.</summary>
    public string Detail { get; }
}
