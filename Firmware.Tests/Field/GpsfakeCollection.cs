namespace Firmware.Tests.Field;

/// <summary>
/// The gpsfake session (real gpsd fed at the log's pace) runs alongside no other test of this project: under the
/// parallel classes' load gpsfake's writes came late by more than the clock's 500 ms bound, the clock took them for
/// small steps and was resynchronising when the log's 90 s step arrived (the "clock step" row failed once in a
/// whole-suite run on an otherwise idle machine, 2026-12-07).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GpsfakeCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "gpsfake";
}
