namespace Testing.Tshark;

/// <summary>The frames of one capture file as tshark dissected them, and the command that produced them.</summary>
public sealed class TsharkCapture
{
    internal TsharkCapture(IReadOnlyList<TsharkFrame> frames, string commandLine)
    {
        Frames = frames;
        CommandLine = commandLine;
    }

    public IReadOnlyList<TsharkFrame> Frames { get; }

    /// <summary>The tshark command line, for failure messages.</summary>
    public string CommandLine { get; }

    /// <summary>Every warning, error and malformed mark of every frame, with its frame number.</summary>
    public IReadOnlyList<string> Problems =>
        Frames.SelectMany(f => f.Problems.Select(p => $"frame {f.Number}: {p}")).ToList();
}
