namespace Fuzzing.Targets;

/// <summary>A named seed input (the file name in the corpus).</summary>
public sealed record FuzzSeed(string Name, byte[] Bytes);
