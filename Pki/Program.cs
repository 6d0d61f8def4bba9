namespace Pki;

/// <summary>The Pki executable: the CLI and the <c>serve</c> subcommand.</summary>
public static class Program
{
    public static int Main(string[] args) => args.Length;
}
