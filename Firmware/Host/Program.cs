namespace Firmware.Host;

/// <summary>Entry point.</summary>
public static class Program
{
    /// <summary>Runs a subcommand.</summary>
    public static int Main(string[] args) => args.Length;
}
